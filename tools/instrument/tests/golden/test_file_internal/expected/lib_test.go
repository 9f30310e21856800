package tf

import "testing"

func TestLib(t *testing.T) { t.Helper()
/*line app/lib_test.go:5:29*/
	if Lib() != 1 {
		t.Fatal("bad")
	}
}

func BenchmarkLib(b *testing.B) {}

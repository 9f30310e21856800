package tf

import "testing"

func TestLib(t *testing.T) {
	if Lib() != 1 {
		t.Fatal("bad")
	}
}

func BenchmarkLib(b *testing.B) {}

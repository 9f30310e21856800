package tf_test

import (
	"testing"

	"example.com/app/tf"
)

func TestExt(t *testing.T) { _ = 1
/*line app/ext_test.go:9:29*/ _ = (1 * /*line app/ext_test.go:9:34*/tf.Lib())/*line app/ext_test.go:9:42*/ }

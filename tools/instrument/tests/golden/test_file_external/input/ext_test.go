package tf_test

import (
	"testing"

	"example.com/app/tf"
)

func TestExt(t *testing.T) { _ = tf.Lib() }

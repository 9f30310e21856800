package runtime

import (
	"context"
	"testing"
)

// BenchmarkStartSpan is the cost the stress profile adds to every function call:
// a span opened and ended, before any SDK is installed (tests, libraries) and after.
func BenchmarkStartSpan(b *testing.B) {
	b.Run("no_sdk", func(b *testing.B) {
		b.ReportAllocs()
		for range b.N {
			_, span := StartSpan(nil, "f")
			EndSpan(span, nil)
		}
	})
	b.Run("sdk", func(b *testing.B) {
		provider, _ := recording(b)
		useGlobal(b, provider)
		ctx := context.Background()
		b.ReportAllocs()
		for range b.N {
			_, span := StartSpan(ctx, "f")
			EndSpan(span, nil)
		}
	})
}

package runtime

import (
	"context"
	"testing"

	"go.opentelemetry.io/otel"
)

func TestTracersFollowAProviderTheProgramInstallsLater(t *testing.T) {
	ours, ourRecorder := recording(t)
	theirs, theirRecorder := recording(t)
	previous := otel.GetTracerProvider()
	t.Cleanup(func() { otel.SetTracerProvider(previous) })

	yielding := &yieldingProvider{sdk: ours}
	otel.SetTracerProvider(yielding)
	tracer := yielding.Tracer("early") // e.g. a package variable or a wrapper built early
	_, span := tracer.Start(context.Background(), "before")
	span.End()

	otel.SetTracerProvider(theirs)
	_, span = tracer.Start(context.Background(), "after")
	span.End()

	if got := names(ourRecorder.Ended()); len(got) != 1 || got[0] != "before" {
		t.Errorf("runtime's provider got %v, want [before]", got)
	}
	if got := names(theirRecorder.Ended()); len(got) != 1 || got[0] != "after" {
		t.Errorf("program's provider got %v, want [after]", got)
	}
}

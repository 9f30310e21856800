package runtime

import (
	"context"
	"net/url"

	"go.opentelemetry.io/otel/attribute"
	sdktrace "go.opentelemetry.io/otel/sdk/trace"
)

// urlKeys are the attributes that carry a whole URL (current and pre-1.21
// semantic conventions). otelhttp's client spans record url.full with the query
// string and fragment, which routinely hold tokens and personal data.
var urlKeys = map[attribute.Key]bool{"url.full": true, "http.url": true}

// redactingExporter rewrites URL attributes on their way out, dropping query
// string, fragment and user:password (otelhttp sets them after a span starts,
// so no span processor could). Headers, cookies, bodies and SQL arguments are
// never recorded by the wrappers as the runtime configures them.
type redactingExporter struct{ sdktrace.SpanExporter }

func (e redactingExporter) ExportSpans(ctx context.Context, spans []sdktrace.ReadOnlySpan) error {
	out := make([]sdktrace.ReadOnlySpan, len(spans))
	for i, span := range spans {
		out[i] = redactSpan(span)
	}
	return e.SpanExporter.ExportSpans(ctx, out)
}

// redactedSpan is span with other attributes.
type redactedSpan struct {
	sdktrace.ReadOnlySpan
	attributes []attribute.KeyValue
}

func (s redactedSpan) Attributes() []attribute.KeyValue { return s.attributes }

func redactSpan(span sdktrace.ReadOnlySpan) sdktrace.ReadOnlySpan {
	attrs := span.Attributes()
	var copied []attribute.KeyValue
	for i, attr := range attrs {
		if !urlKeys[attr.Key] || attr.Value.Type() != attribute.STRING {
			continue
		}
		redacted, changed := redactURL(attr.Value.AsString())
		if !changed {
			continue
		}
		if copied == nil {
			copied = append([]attribute.KeyValue(nil), attrs...)
		}
		copied[i] = attr.Key.String(redacted)
	}
	if copied == nil {
		return span
	}
	return redactedSpan{ReadOnlySpan: span, attributes: copied}
}

// redactURL returns raw without query, fragment and user info. A URL that does
// not parse is replaced whole: it might still hold a secret.
func redactURL(raw string) (string, bool) {
	u, err := url.Parse(raw)
	if err != nil {
		return "REDACTED", true
	}
	if u.RawQuery == "" && u.Fragment == "" && u.User == nil && !u.ForceQuery {
		return raw, false
	}
	u.RawQuery, u.Fragment, u.RawFragment, u.User, u.ForceQuery = "", "", "", nil, false
	return u.String(), true
}

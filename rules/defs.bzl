"""Public API of rules_go_instrument."""

load(":instrument.bzl", _trace = "trace")
load(":instrumented_rules.bzl", _go_instrumented_binary = "go_instrumented_binary", _go_instrumented_test = "go_instrumented_test")
load(":profile.bzl", _instrumentation_profile = "instrumentation_profile")
load(":providers.bzl", _GoInstrumentInfo = "GoInstrumentInfo", _InstrumentationProfileInfo = "InstrumentationProfileInfo")

trace = _trace
go_instrumented_binary = _go_instrumented_binary
go_instrumented_test = _go_instrumented_test
instrumentation_profile = _instrumentation_profile
GoInstrumentInfo = _GoInstrumentInfo
InstrumentationProfileInfo = _InstrumentationProfileInfo

"""Providers: the contract between the profile rule, the aspect and the run/test rules."""

InstrumentationProfileInfo = provider(
    doc = "A resolved set of instrumentation rules and the Go code they may inject.",
    fields = {
        "rule_files": "depset of YAML rule files, in the order they are applied",
        "interfaces": "File: the interfaces the rules' type filters name, one a line (input of GoTypeFacts)",
        "runtime_archives": "list of GoArchive: every package the rules may import",
        "runtime_labels": "dict Label -> True: the runtime archives' whole closure, never rewritten",
        "exclude_packages": "list of import-path globs whose packages get no rules (recompiled as they are)",
    },
)

GoInstrumentInfo = provider(
    doc = "The instrumented form of one Go package (the aspect's result on a Go target).",
    fields = {
        "archive": "GoArchive compiled from the rewritten sources against instrumented deps",
        "archives_by_label": "dict Label -> GoArchive: instrumented archives of this package's deps (embeds included)",
        "reports": "depset of per-package report JSON files, this package and its deps",
        "srcs": "depset of rewritten .go files, this package and its deps",
        "maps": "depset of per-package source-map JSON files, this package and its deps",
        "facts": "depset of per-package type facts JSON files (GoTypeFacts), this package and its deps",
    },
)

"""Offline stand-in for package_metadata: records nothing, accepts gazelle's attributes."""

def _package_metadata_impl(_ctx):
    return []

_package_metadata = rule(
    implementation = _package_metadata_impl,
    attrs = {
        "attributes": attr.label_list(),
        "purl": attr.string(),
    },
)

def package_metadata(name, **kwargs):
    # The package's default_package_metadata names this very target: without
    # the empty override it would depend on itself.
    _package_metadata(name = name, applicable_licenses = [], **kwargs)

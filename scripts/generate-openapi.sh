#!/usr/bin/env bash
# Regenerates the server's and the client's Swift code from Sources/EdulinkAPI/openapi.yaml into
# Sources/EdulinkAPI/Generated (committed), and records what it was generated from and what it wrote
# in Generated/GeneratedFrom.swift. GeneratedSourcesTests fails when the document, the generator's
# configuration or a generated file changed since: run this script after editing openapi.yaml.
#   scripts/generate-openapi.sh        (builds the generator in .build-openapi on first use)
set -euo pipefail
cd "$(dirname "$0")/.."
api=Sources/EdulinkAPI
out=$api/Generated
version=$(sed -nE 's/.*swift-openapi-generator\.git", exact: "([0-9.]+)".*/\1/p' Tools/openapi/Package.swift)
[ -n "$version" ] || { echo "generate-openapi.sh: no exact generator version in Tools/openapi/Package.swift" >&2; exit 1; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
swift run --package-path Tools/openapi --scratch-path "$PWD/.build-openapi" swift-openapi-generator generate \
    "$api/openapi.yaml" --config "$api/openapi-generator-config.yaml" --output-directory "$tmp" >"$tmp/log" 2>&1 ||
    { cat "$tmp/log" >&2; exit 1; }
ls "$tmp"/*.swift >/dev/null 2>&1 || { cat "$tmp/log" >&2; echo "generate-openapi.sh: nothing generated" >&2; exit 1; }
rm -rf "$out"
mkdir -p "$out"
for file in "$tmp"/*.swift; do
    # The project's format lint skips what the generator wrote; the generator's own header stays.
    { echo "// swift-format-ignore-file"; cat "$file"; } >"$out/$(basename "$file")"
done
digest() { sha256sum "$1" | cut -d' ' -f1; }
{
    echo "// Written by scripts/generate-openapi.sh with the files beside it. GeneratedSourcesTests checks"
    echo "// that each file below still has the digest recorded here: do not edit them, run the script."
    echo "// generator: swift-openapi-generator $version"
    for file in "$api/openapi.yaml" "$api/openapi-generator-config.yaml" "$out"/*.swift; do
        [ "$file" = "$out/GeneratedFrom.swift" ] && continue
        echo "// sha256 ${file#"$api"/} $(digest "$file")"
    done
} >"$tmp/GeneratedFrom.swift"
mv "$tmp/GeneratedFrom.swift" "$out/GeneratedFrom.swift"
echo "generate-openapi.sh: $(ls "$out" | wc -l) files in $out (swift-openapi-generator $version)"

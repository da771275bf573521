#!/usr/bin/env bash
# Writes a copy of template.yaml whose CodeUri entries point at the deployment jars that
# `./mvnw package` builds (<module>/target/<module>[-<version>]-lambda.jar), ready for
# `aws cloudformation package`. Used by package-and-deploy.sh; runs offline.
#
#   scripts/build-template.sh OUTPUT_TEMPLATE [--no-jar-check]
#
# --no-jar-check writes the template even if a jar is not built yet (tests lint the result).
set -euo pipefail

usage() { echo "usage: $0 OUTPUT_TEMPLATE [--no-jar-check]" >&2; exit 2; }
[[ $# -ge 1 && $# -le 2 ]] || usage
output=$1
check_jars=true
if [[ $# -eq 2 ]]; then
  [[ $2 == --no-jar-check ]] || usage
  check_jars=false
fi

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
modules=(producer put-records-producer consumer firehose-transformer)

mkdir -p "$(dirname "$output")"
tmp=$(mktemp "$output.XXXXXX")
trap 'rm -f "$tmp"' EXIT
cp "$root/template.yaml" "$tmp"

# docs/contracts.md names the jar <module>-lambda.jar; the shade plugin may add the version
# (<module>-<version>-lambda.jar): take whichever one exists.
jar_of() {
  local module=$1 target=$root/$1/target
  if [[ -f $target/$module-lambda.jar ]]; then
    echo "$target/$module-lambda.jar"
    return
  fi
  local found=("$target/$module"-*-lambda.jar)
  if [[ ${#found[@]} -eq 1 && -f ${found[0]} ]]; then
    echo "${found[0]}"
  elif $check_jars; then
    echo "error: no single $module/target/$module[-<version>]-lambda.jar: run ./mvnw -B package -DskipTests first" >&2
    return 1
  else
    echo "$target/$module-lambda.jar"
  fi
}

for module in "${modules[@]}"; do
  jar=$(jar_of "$module")
  # At least one function has this folder as its CodeUri (docs/contracts.md section 4);
  # put-records-producer's jar is the producer's code without the KPL.
  count=$(grep -c -E "^ +CodeUri: $module/\$" "$tmp" || true)
  if [[ $count -lt 1 ]]; then
    echo "error: expected a 'CodeUri: $module/' in template.yaml, found none" >&2
    exit 1
  fi
  sed -i -E "s#^( +CodeUri: )$module/\$#\1$jar#" "$tmp"
done

mv "$tmp" "$output"
trap - EXIT
echo "wrote $output (CodeUri -> */target/*-lambda.jar)"

#!/usr/bin/env bash
# Deploys the stack without SAM CLI: builds the Lambda jars with the Maven Wrapper, points the
# template at them, uploads them with `aws cloudformation package` and creates or updates the
# stack with `aws cloudformation deploy`. Needs the AWS CLI with credentials for the target
# account and an S3 bucket in the target region for the packaged code.
#
#   scripts/package-and-deploy.sh --s3-bucket BUCKET [--stack-name NAME] [--region REGION]
#                                 [--skip-build] [-- Key=Value ...]
#
# Anything after `--` goes to `--parameter-overrides` (e.g. TweetSource=x-api-v2 ShardCount=2).
set -euo pipefail

usage() {
  sed -n '2,11p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//' >&2
  exit 2
}

stack=streamproc
bucket=''
region=()
build=true
overrides=()
while [[ $# -gt 0 ]]; do
  case $1 in
    --s3-bucket) bucket=${2:?}; shift 2 ;;
    --stack-name) stack=${2:?}; shift 2 ;;
    --region) region=(--region "${2:?}"); shift 2 ;;
    --skip-build) build=false; shift ;;
    --) shift; overrides=("$@"); break ;;
    -h|--help) usage ;;
    *) echo "unknown argument: $1" >&2; usage ;;
  esac
done
[[ -n $bucket ]] || { echo "error: --s3-bucket is required (a bucket for the packaged jars)" >&2; exit 2; }
command -v aws >/dev/null || { echo "error: the AWS CLI (aws) is not on PATH" >&2; exit 1; }

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
out=$root/target/deploy
mkdir -p "$out"

if $build; then
  echo "== building the Lambda jars"
  (cd "$root" && ./mvnw -B -q package -DskipTests -pl producer,put-records-producer,consumer,firehose-transformer -am)
fi

echo "== template with CodeUri -> jars"
"$root/scripts/build-template.sh" "$out/template.yaml"

echo "== uploading the jars to s3://$bucket/$stack/"
aws "${region[@]}" cloudformation package \
  --template-file "$out/template.yaml" \
  --s3-bucket "$bucket" \
  --s3-prefix "$stack" \
  --output-template-file "$out/packaged.yaml"

echo "== deploying stack $stack"
deploy=(aws "${region[@]}" cloudformation deploy
  --template-file "$out/packaged.yaml"
  --stack-name "$stack"
  --capabilities CAPABILITY_IAM CAPABILITY_AUTO_EXPAND
  --no-fail-on-empty-changeset)
if [[ ${#overrides[@]} -gt 0 ]]; then
  deploy+=(--parameter-overrides "${overrides[@]}")
fi
"${deploy[@]}"

aws "${region[@]}" cloudformation describe-stacks --stack-name "$stack" \
  --query 'Stacks[0].Outputs[].[OutputKey,OutputValue]' --output table

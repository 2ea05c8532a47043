#!/usr/bin/env bash
# Creates the Event Grid subscription that feeds the blob trigger (OnBlobCreated). It runs after the code is deployed,
# because the webhook URL needs the app's blobs_extension system key, which exists only then.
# Usage: infra/post-deploy.sh <environmentName> [deployment-name]
set -euo pipefail
env_name="$1"
deployment="${2:-main}"
out() { az deployment sub show -n "$deployment" --query "properties.outputs.$1.value" -o tsv; }
rg=$(out resourceGroupName)
app=$(out functionAppName)
topic=$(out eventGridSystemTopicName)
key=$(az functionapp keys list -g "$rg" -n "$app" --query systemKeys.blobs_extension -o tsv)
endpoint="https://$(az functionapp show -g "$rg" -n "$app" --query defaultHostName -o tsv)/runtime/webhooks/blobs?functionName=Host.Functions.OnBlobCreated&code=$key"
az eventgrid system-topic event-subscription create -g "$rg" --system-topic-name "$topic" -n "inbox-blob-created-$env_name" \
  --endpoint-type webhook --endpoint "$endpoint" \
  --included-event-types Microsoft.Storage.BlobCreated \
  --subject-begins-with /blobServices/default/containers/inbox/
echo "Event Grid subscription created: blobs created in 'inbox' now reach $app's OnBlobCreated"

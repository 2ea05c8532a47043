#!/usr/bin/env bash
# Creates the Event Grid subscriptions of the app's two Event Grid functions. It runs after the code is deployed: the
# blob trigger's webhook URL needs the app's blobs_extension system key, and an AzureFunction endpoint needs the
# function to exist, which both happen only then.
#  - OnBlobCreated: the storage account's system topic, blobs created in 'inbox'.
#  - OnEvent (the eventgrid trigger rules): each Event Grid source whose resource id is in ONEVENT_SOURCE_IDS (space-
#    separated: a custom topic, a domain, or a system topic such as a resource group's), all event types; the rules
#    choose which events start executions. Unset: no OnEvent subscription (the function then receives nothing).
# Usage: [ONEVENT_SOURCE_IDS="<topic id> ..."] infra/post-deploy.sh <environmentName> [deployment-name]
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

app_id=$(az functionapp show -g "$rg" -n "$app" --query id -o tsv)
i=0
for source in ${ONEVENT_SOURCE_IDS:-}; do
  az eventgrid event-subscription create --source-resource-id "$source" -n "onevent-$env_name-$i" \
    --endpoint-type azurefunction --endpoint "$app_id/functions/OnEvent"
  echo "Event Grid subscription created: events of $source now reach $app's OnEvent"
  i=$((i + 1))
done
[ "$i" -gt 0 ] || echo "No OnEvent subscription (set ONEVENT_SOURCE_IDS to the topics whose events the eventgrid trigger rules match)"

// The storage account's Event Grid system topic. Its blob-created subscription to the app's blob trigger is made after
// the code is deployed (post-deploy.sh), because its webhook needs the app's blobs_extension key.
param name string
param location string
param tags object
param storageAccountName string

resource account 'Microsoft.Storage/storageAccounts@2023-05-01' existing = {
  name: storageAccountName
}

resource topic 'Microsoft.EventGrid/systemTopics@2022-06-15' = {
  name: name
  location: location
  tags: tags
  properties: { source: account.id, topicType: 'Microsoft.Storage.StorageAccounts' }
}

output name string = topic.name

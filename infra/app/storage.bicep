// One storage account: the Functions host and Durable's Azure Storage backend (blob, queue, table), the Flex deployment
// package container, the inbox the blob trigger watches, the executions' ASL histories (asl-history), and the integration tables. Keys are off: identities only.
param name string
param location string
param tags object
param tableNames array
param historyContainerName string
param historyRetentionDays int

var deploymentContainerName = 'deploymentpackage'

resource account 'Microsoft.Storage/storageAccounts@2023-05-01' = {
  name: name
  location: location
  tags: tags
  kind: 'StorageV2'
  sku: { name: 'Standard_LRS' }
  properties: {
    allowSharedKeyAccess: false
    allowBlobPublicAccess: false
    minimumTlsVersion: 'TLS1_2'
    supportsHttpsTrafficOnly: true
  }
}

resource blobs 'Microsoft.Storage/storageAccounts/blobServices@2023-05-01' = {
  parent: account
  name: 'default'
}

resource containers 'Microsoft.Storage/storageAccounts/blobServices/containers@2023-05-01' = [for container in [deploymentContainerName, 'inbox', historyContainerName]: {
  parent: blobs
  name: container
}]

// The purge timer removes Durable's instances after the retention, not the ASL history blobs: this rule deletes them
// once they are that old (a chunk is written once, so its age is its last modification).
resource lifecycle 'Microsoft.Storage/storageAccounts/managementPolicies@2023-05-01' = {
  parent: account
  name: 'default'
  properties: {
    policy: {
      rules: [
        {
          name: 'delete-old-asl-history'
          enabled: true
          type: 'Lifecycle'
          definition: {
            filters: { blobTypes: ['blockBlob'], prefixMatch: ['${historyContainerName}/'] }
            actions: { baseBlob: { delete: { daysAfterModificationGreaterThan: historyRetentionDays } } }
          }
        }
      ]
    }
  }
}

resource tableService 'Microsoft.Storage/storageAccounts/tableServices@2023-05-01' = {
  parent: account
  name: 'default'
}

resource tables 'Microsoft.Storage/storageAccounts/tableServices/tables@2023-05-01' = [for table in tableNames: {
  parent: tableService
  name: table
}]

output name string = account.name
output id string = account.id
output deploymentContainerName string = deploymentContainerName

// The Functions app on Flex Consumption: Durable Functions on the Azure Storage backend (the only backend Flex supports),
// identity-based connections everywhere, the runtime in functionAppConfig (Flex refuses FUNCTIONS_WORKER_RUNTIME as a setting).
param name string
param location string
param tags object
param identityId string
param identityClientId string
param storageAccountName string
param deploymentContainerName string
param serviceBusHost string
param queueName string
param appInsightsConnectionString string
param taskTokenSecretUri string
param taskHubName string
param runtimeVersion string
param maximumInstanceCount int
param instanceMemoryMB int
param historyRetentionDays int
param historyContainerName string
param arnRegion string
param arnAccountId string

@description('Platform__Tables, Platform__Triggers and Platform__CircuitBreakers: lists of objects whose keys are the settings\' keys.')
param dynamoDbTables array
param triggers array
param circuitBreakers array

resource storage 'Microsoft.Storage/storageAccounts@2023-05-01' existing = { name: storageAccountName }

var blobUri = storage.properties.primaryEndpoints.blob
var queueUri = storage.properties.primaryEndpoints.queue
var tableUri = storage.properties.primaryEndpoints.table

// A list setting as the app reads it from app settings: item i's key k is Platform__<List>__<i>__<k>. A nested value is
// written with its flattened key in the item (e.g. 'EventTypes__0', 'IgnoredErrors__0'), so one level suffices.
var tableSettings = flatten(map(range(0, length(dynamoDbTables)), i => map(items(dynamoDbTables[i]), p => { name: 'Platform__Tables__${i}__${p.key}', value: string(p.value) })))
var triggerSettings = flatten(map(range(0, length(triggers)), i => map(items(triggers[i]), p => { name: 'Platform__Triggers__${i}__${p.key}', value: string(p.value) })))
var breakerSettings = flatten(map(range(0, length(circuitBreakers)), i => map(items(circuitBreakers[i]), p => { name: 'Platform__CircuitBreakers__${i}__${p.key}', value: string(p.value) })))

resource plan 'Microsoft.Web/serverfarms@2024-04-01' = {
  name: 'plan-${name}'
  location: location
  tags: tags
  kind: 'functionapp'
  sku: { name: 'FC1', tier: 'FlexConsumption' }
  properties: { reserved: true }
}

resource site 'Microsoft.Web/sites@2024-04-01' = {
  name: name
  location: location
  tags: tags
  kind: 'functionapp,linux'
  identity: { type: 'UserAssigned', userAssignedIdentities: { '${identityId}': {} } }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    keyVaultReferenceIdentity: identityId
    functionAppConfig: {
      deployment: {
        storage: {
          type: 'blobContainer'
          value: '${blobUri}${deploymentContainerName}'
          authentication: { type: 'UserAssignedIdentity', userAssignedIdentityResourceId: identityId }
        }
      }
      scaleAndConcurrency: { maximumInstanceCount: maximumInstanceCount, instanceMemoryMB: instanceMemoryMB }
      runtime: { name: 'dotnet-isolated', version: runtimeVersion }
    }
    siteConfig: {
      minTlsVersion: '1.2'
      appSettings: concat([
        { name: 'AzureWebJobsStorage__credential', value: 'managedidentity' }
        { name: 'AzureWebJobsStorage__clientId', value: identityClientId }
        { name: 'AzureWebJobsStorage__blobServiceUri', value: blobUri }
        { name: 'AzureWebJobsStorage__queueServiceUri', value: queueUri }
        { name: 'AzureWebJobsStorage__tableServiceUri', value: tableUri }
        { name: 'APPLICATIONINSIGHTS_CONNECTION_STRING', value: appInsightsConnectionString }
        { name: 'APPLICATIONINSIGHTS_AUTHENTICATION_STRING', value: 'ClientId=${identityClientId};Authorization=AAD' }
        { name: 'TASKHUB_NAME', value: taskHubName }
        { name: 'TASK_TOKEN_KEY', value: '@Microsoft.KeyVault(SecretUri=${taskTokenSecretUri})' }
        { name: 'AZURE_CLIENT_ID', value: identityClientId }
        { name: 'PLATFORM_BLOB_ENDPOINT', value: blobUri }
        { name: 'HISTORY_CONTAINER', value: historyContainerName }
        { name: 'PLATFORM_TABLE_ENDPOINT', value: tableUri }
        { name: 'PLATFORM_SERVICEBUS_NAMESPACE', value: serviceBusHost }
        { name: 'InboxStorage__credential', value: 'managedidentity' }
        { name: 'InboxStorage__clientId', value: identityClientId }
        { name: 'InboxStorage__blobServiceUri', value: blobUri }
        { name: 'InboxStorage__queueServiceUri', value: queueUri }
        { name: 'Bus__fullyQualifiedNamespace', value: serviceBusHost }
        { name: 'Bus__credential', value: 'managedidentity' }
        { name: 'Bus__clientId', value: identityClientId }
        { name: 'SERVICEBUS_QUEUE', value: queueName }
        { name: 'PURGE_SCHEDULE', value: '0 30 3 * * *' }
        { name: 'HISTORY_RETENTION_DAYS', value: string(historyRetentionDays) }
        { name: 'Platform__Region', value: arnRegion }
        { name: 'Platform__AccountId', value: arnAccountId }
      ], tableSettings, triggerSettings, breakerSettings)
    }
  }
}

output name string = site.name
output url string = 'https://${site.properties.defaultHostName}'

// The Azure Functions app of the ASL platform and everything it uses, in one resource group.
targetScope = 'subscription'

@description('Short name of the environment (dev, prod, ...): names every resource and the Durable task hub.')
@minLength(3)
@maxLength(16)
param environmentName string

@description('Azure region of every resource (one that offers Flex Consumption).')
param location string

@description('Task-token signing key: base64 of at least 32 random bytes (openssl rand -base64 32). Stored only in Key Vault.')
@secure()
param taskTokenKey string

@description('.NET version of the isolated worker (the app targets net10.0; check that Flex Consumption offers it in the region).')
param runtimeVersion string = '10.0'

@description('Most instances Flex Consumption scales to (40-1000).')
@minValue(40)
@maxValue(1000)
param maximumInstanceCount int = 100

@description('Memory of each instance, in MB (512, 2048 or 4096).')
@allowed([512, 2048, 4096])
param instanceMemoryMB int = 2048

@description('Queue the Service Bus trigger listens to.')
param queueName string = 'sfn-events'

@description('Tables to create besides the circuit-breaker table (the DynamoDB-like tables of Platform__Tables).')
param tableNames array = []

@description('Days an ended execution keeps its history.')
param historyRetentionDays int = 90

@description('Region and account that ARNs name.')
param arnRegion string = 'us-east-1'
param arnAccountId string = '123456789012'

var suffix = toLower(uniqueString(subscription().id, environmentName, location))
var tags = { 'azd-env-name': environmentName, app: 'asl-platform' }

resource rg 'Microsoft.Resources/resourceGroups@2024-03-01' = {
  name: 'rg-${environmentName}'
  location: location
  tags: tags
}

module identity 'app/identity.bicep' = {
  scope: rg
  name: 'identity'
  params: { name: 'id-${environmentName}', location: location, tags: tags }
}

module storage 'app/storage.bicep' = {
  scope: rg
  name: 'storage'
  params: { name: 'st${suffix}', location: location, tags: tags, tableNames: concat(['circuitbreakers'], tableNames) }
}

module messaging 'app/messaging.bicep' = {
  scope: rg
  name: 'messaging'
  params: { name: 'sb-${environmentName}-${suffix}', location: location, tags: tags, queueName: queueName }
}

module monitoring 'app/monitoring.bicep' = {
  scope: rg
  name: 'monitoring'
  params: { name: environmentName, location: location, tags: tags }
}

module vault 'app/keyvault.bicep' = {
  scope: rg
  name: 'keyvault'
  params: { name: 'kv-${take(environmentName, 10)}-${take(suffix, 8)}', location: location, tags: tags, taskTokenKey: taskTokenKey }
}

module events 'app/events.bicep' = {
  scope: rg
  name: 'events'
  params: { name: 'evgt-${environmentName}', location: location, tags: tags, storageAccountName: storage.outputs.name }
}

module rbac 'app/rbac.bicep' = {
  scope: rg
  name: 'rbac'
  params: {
    principalId: identity.outputs.principalId
    storageAccountName: storage.outputs.name
    serviceBusNamespaceName: messaging.outputs.name
    appInsightsName: monitoring.outputs.appInsightsName
    keyVaultName: vault.outputs.name
  }
}

module function 'app/function.bicep' = {
  scope: rg
  name: 'function'
  dependsOn: [rbac]
  params: {
    name: 'func-${environmentName}-${suffix}'
    location: location
    tags: tags
    identityId: identity.outputs.id
    identityClientId: identity.outputs.clientId
    storageAccountName: storage.outputs.name
    deploymentContainerName: storage.outputs.deploymentContainerName
    serviceBusHost: messaging.outputs.host
    queueName: queueName
    appInsightsConnectionString: monitoring.outputs.connectionString
    taskTokenSecretUri: vault.outputs.taskTokenSecretUri
    taskHubName: replace(environmentName, '-', '')
    runtimeVersion: runtimeVersion
    maximumInstanceCount: maximumInstanceCount
    instanceMemoryMB: instanceMemoryMB
    historyRetentionDays: historyRetentionDays
    arnRegion: arnRegion
    arnAccountId: arnAccountId
  }
}

output resourceGroupName string = rg.name
output functionAppName string = function.outputs.name
output functionAppUrl string = function.outputs.url
output apiUrl string = '${function.outputs.url}/api/sfn'
output approvalUrl string = '${function.outputs.url}/api/approvals'
output eventGridSystemTopicName string = events.outputs.name
output storageAccountName string = storage.outputs.name
output serviceBusNamespace string = messaging.outputs.host

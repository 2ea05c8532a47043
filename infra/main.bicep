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

@description('DynamoDB-like tables (Platform__Tables), each an object with the setting keys, e.g. { Name: \'Orders\', PartitionKey: \'orderId\' }. Each is created as the store table ddb<Name>, so Name must be letters and digits (at most 56).')
param dynamoDbTables array = []

@description('Trigger rules (Platform__Triggers, docs/triggers.md), e.g. { Name: \'csv-upload\', Source: \'blob\', Container: \'inbox\', Suffix: \'.csv\', StateMachine: \'file-validation\' }. A nested value takes its flattened key: \'EventTypes__0\': \'Order.Placed\'.')
param triggers array = []

@description('Circuit-breaker policies (Platform__CircuitBreakers), e.g. { Resource: \'arn:aws:states:::http:invoke\', FailureThreshold: 5 }. A list takes flattened keys: \'IgnoredErrors__0\': \'States.Timeout\'.')
param circuitBreakers array = []

@description('Durable task hub name; empty derives one that is always valid (letters and digits, starting with a letter, 3-45). Give the old name to keep a deployment made before the derivation changed.')
@maxLength(45)
param taskHubName string = ''

@description('Days an ended execution keeps its history (Durable instances by the purge timer, ASL history blobs by a lifecycle rule).')
@minValue(1)
@maxValue(3650)
param historyRetentionDays int = 90

@description('Region and account that ARNs name.')
param arnRegion string = 'us-east-1'
param arnAccountId string = '123456789012'

var suffix = toLower(uniqueString(subscription().id, environmentName, location))
// environmentName's letters and digits only (Bicep has no regex: keep each character found in the allowed set).
var envAlnum = toLower(join(filter(map(range(0, length(environmentName)), i => substring(environmentName, i, 1)), c => contains('abcdefghijklmnopqrstuvwxyz0123456789', toLower(c))), ''))
// Task hub: letters and digits, starting with a letter, 3-45 characters ('th' + up to 16 + 6 = 8 to 24).
var derivedTaskHubName = 'th${take(envAlnum, 16)}${take(suffix, 6)}'
// Key Vault: 3-24 characters, letters, digits and single hyphens, starting with a letter ('kv' + up to 12 + 8 = 10 to 22, no hyphens).
var keyVaultName = 'kv${take(envAlnum, 12)}${take(suffix, 8)}'
var historyContainerName = 'asl-history'
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
  params: {
    name: 'st${suffix}'
    location: location
    tags: tags
    tableNames: concat(['circuitbreakers'], map(dynamoDbTables, t => 'ddb${t.Name}'))
    historyContainerName: historyContainerName
    historyRetentionDays: historyRetentionDays
  }
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
  params: { name: keyVaultName, location: location, tags: tags, taskTokenKey: taskTokenKey }
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
    taskHubName: empty(taskHubName) ? derivedTaskHubName : taskHubName
    runtimeVersion: runtimeVersion
    maximumInstanceCount: maximumInstanceCount
    instanceMemoryMB: instanceMemoryMB
    historyRetentionDays: historyRetentionDays
    historyContainerName: historyContainerName
    dynamoDbTables: dynamoDbTables
    triggers: triggers
    circuitBreakers: circuitBreakers
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
output taskHubName string = empty(taskHubName) ? derivedTaskHubName : taskHubName

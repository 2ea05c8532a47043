// Key Vault holding the task-token signing key; the app reads it through a Key Vault reference (RBAC, no access policies).
param name string
param location string
param tags object
@secure()
param taskTokenKey string

resource vault 'Microsoft.KeyVault/vaults@2023-07-01' = {
  name: name
  location: location
  tags: tags
  properties: {
    tenantId: subscription().tenantId
    sku: { family: 'A', name: 'standard' }
    enableRbacAuthorization: true
    enableSoftDelete: true
    softDeleteRetentionInDays: 7
  }
}

resource secret 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = {
  parent: vault
  name: 'task-token-key'
  properties: { value: taskTokenKey, contentType: 'base64' }
}

output name string = vault.name
output taskTokenSecretUri string = secret.properties.secretUri

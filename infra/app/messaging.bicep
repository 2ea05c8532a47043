// Service Bus: the queue whose messages start executions or complete task tokens, and that the SQS-like integration sends to.
param name string
param location string
param tags object
param queueName string

@description('How long Service Bus remembers a MessageId to drop duplicates (ISO 8601; SQS deduplicates for 5 minutes).')
param duplicateDetectionWindow string = 'PT5M'

resource namespace 'Microsoft.ServiceBus/namespaces@2024-01-01' = {
  name: name
  location: location
  tags: tags
  sku: { name: 'Standard', tier: 'Standard' }
  properties: { disableLocalAuth: true, minimumTlsVersion: '1.2' }
}

resource queue 'Microsoft.ServiceBus/namespaces/queues@2024-01-01' = {
  parent: namespace
  name: queueName
  properties: {
    lockDuration: 'PT1M'
    maxDeliveryCount: 10
    deadLetteringOnMessageExpiration: true
    requiresSession: false
    // The SQS-like integration sends a message's deduplication id as its MessageId: Service Bus drops a second message
    // with the same id inside the window (SQS's is 5 minutes). Fixed when the queue is created.
    requiresDuplicateDetection: true
    duplicateDetectionHistoryTimeWindow: duplicateDetectionWindow
  }
}

output name string = namespace.name
output host string = '${namespace.name}.servicebus.windows.net'

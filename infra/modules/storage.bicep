// Storage for the Functions host (identity-based AzureWebJobsStorage), the app's tables, the webhook inbox queue,
// report and poison blobs, and the Flex Consumption deployment container. Shared-key access is off: every client
// uses the app's managed identity.

@description('Storage account name (3-24 lower-case letters and digits).')
@minLength(3)
@maxLength(24)
param name string

@description('Region of the account.')
param location string

@description('Redundancy: Standard_LRS for dev, Standard_ZRS for prod.')
@allowed([ 'Standard_LRS', 'Standard_ZRS', 'Standard_GRS' ])
param skuName string

@description('The webhook inbox queue (the app setting InboxQueueName).')
param inboxQueueName string

@description('The container the Flex Consumption plan deploys the package from.')
param deploymentContainerName string

@description('Tags of every resource.')
param tags object

resource account 'Microsoft.Storage/storageAccounts@2023-05-01' = {
  name: name
  location: location
  tags: tags
  kind: 'StorageV2'
  sku: {
    name: skuName
  }
  properties: {
    allowSharedKeyAccess: false
    allowBlobPublicAccess: false
    minimumTlsVersion: 'TLS1_2'
    supportsHttpsTrafficOnly: true
    defaultToOAuthAuthentication: true
    publicNetworkAccess: 'Enabled'
  }
}

resource blobs 'Microsoft.Storage/storageAccounts/blobServices@2023-05-01' = {
  parent: account
  name: 'default'
}

resource deployment 'Microsoft.Storage/storageAccounts/blobServices/containers@2023-05-01' = {
  parent: blobs
  name: deploymentContainerName
  properties: {
    publicAccess: 'None'
  }
}

resource queues 'Microsoft.Storage/storageAccounts/queueServices@2023-05-01' = {
  parent: account
  name: 'default'
}

resource inbox 'Microsoft.Storage/storageAccounts/queueServices/queues@2023-05-01' = {
  parent: queues
  name: inboxQueueName
}

// Where the Functions host moves an inbox message after its last failed delivery; the InboxPoisonDrain function moves
// it on into the app's poison store (listed, replayable, reached by erasure).
resource inboxPoison 'Microsoft.Storage/storageAccounts/queueServices/queues@2023-05-01' = {
  parent: queues
  name: '${inboxQueueName}-poison'
}

resource tables 'Microsoft.Storage/storageAccounts/tableServices@2023-05-01' = {
  parent: account
  name: 'default'
}

@description('The account name.')
output name string = account.name

@description('The account resource id.')
output id string = account.id

@description('Blob endpoint, e.g. https://<name>.blob.core.windows.net/.')
output blobEndpoint string = account.properties.primaryEndpoints.blob

@description('Queue endpoint.')
output queueEndpoint string = account.properties.primaryEndpoints.queue

@description('Table endpoint.')
output tableEndpoint string = account.properties.primaryEndpoints.table

@description('The deployment container name.')
output deploymentContainer string = deployment.name

@description('The inbox queue name.')
output inboxQueue string = inbox.name

@description('The inbox\'s poison queue name.')
output inboxPoisonQueue string = inboxPoison.name

@description('The table service name (tables are created by the app on first use).')
output tableService string = tables.name

using 'main.bicep'

// Development: Flex Consumption, locally redundant storage, short log retention. No secrets here: the app signs in
// to storage and Dataverse with its managed identity; the webhook key is the Functions key, read at deploy time.
param environmentName = 'dev'
param dataverseEnvironmentUrl = 'https://contoso-dev.crm.dynamics.com'
param organisation = 'Contoso (dev)'
param maximumInstanceCount = 10
param storageSku = 'Standard_LRS'
param logRetentionDays = 30

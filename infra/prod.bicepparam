using 'main.bicep'

// Production: zone-redundant storage, longer log retention, reports sent from a service user. No secrets here.
param environmentName = 'prod'
param dataverseEnvironmentUrl = 'https://contoso.crm.dynamics.com'
param organisation = 'Contoso'
param maximumInstanceCount = 40
param storageSku = 'Standard_ZRS'
param logRetentionDays = 90
param reportSenderUserId = ''

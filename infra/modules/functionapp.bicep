// The Linux Function App that runs the CrmPersonCentric .NET 10 isolated worker, with a system-assigned managed identity
// and identity-based connections. Flex Consumption by default; Elastic Premium where a region lacks Flex.

@description('Function App name (also the host name prefix).')
param name string

@description('Region.')
param location string

@description('FlexConsumption (default) or ElasticPremium (regions without Flex Consumption).')
@allowed([ 'FlexConsumption', 'ElasticPremium' ])
param planKind string

@description('Largest instance count the plan scales to.')
@minValue(1)
@maxValue(1000)
param maximumInstanceCount int

@description('Instance memory on Flex Consumption.')
@allowed([ 2048, 4096 ])
param instanceMemoryMB int

@description('Storage account name (identity-based connections).')
param storageAccountName string

@description('Blob endpoint of the storage account.')
param blobEndpoint string

@description('The deployment container of the Flex Consumption package.')
param deploymentContainer string

@description('Application Insights connection string.')
param insightsConnectionString string

@description('Dataverse environment URL, e.g. https://contoso.crm.dynamics.com.')
param dataverseEnvironmentUrl string

@description('App settings of the product (schedules, report options).')
param productSettings object

@description('Tags of every resource.')
param tags object

var isFlex = planKind == 'FlexConsumption'

// One storage connection for the host (its queue trigger, timers' locks) and the backend (tables, the inbox, blobs).
var commonSettings = {
  AzureWebJobsStorage__accountName: storageAccountName
  AzureWebJobsStorage__credential: 'managedidentity'
  Dataverse__EnvironmentUrl: dataverseEnvironmentUrl
  Dataverse__Authentication: 'ManagedIdentity'
  APPLICATIONINSIGHTS_CONNECTION_STRING: insightsConnectionString
  APPLICATIONINSIGHTS_AUTHENTICATION_STRING: 'Authorization=AAD'
}

// On Flex Consumption the runtime is declared in functionAppConfig and these settings are not allowed. The one Flex
// setting is the known .NET 10 workaround: the placeholder (pre-warmed) worker of dotnet-isolated crashes the host
// with exit code 139 under load (Azure/azure-functions-dotnet-worker#3335); without the placeholder each cold start
// loads our worker directly. Remove the setting once that issue is closed.
var flexSettings = {
  WEBSITE_USE_PLACEHOLDER_DOTNETISOLATED: '0'
}

var premiumSettings = {
  FUNCTIONS_WORKER_RUNTIME: 'dotnet-isolated'
  FUNCTIONS_EXTENSION_VERSION: '~4'
  WEBSITE_RUN_FROM_PACKAGE: '1'
}

var settings = union(commonSettings, isFlex ? flexSettings : premiumSettings, productSettings)

resource plan 'Microsoft.Web/serverfarms@2024-04-01' = {
  name: '${name}-plan'
  location: location
  tags: tags
  kind: isFlex ? 'functionapp' : 'elastic'
  sku: isFlex ? {
    tier: 'FlexConsumption'
    name: 'FC1'
  } : {
    tier: 'ElasticPremium'
    name: 'EP1'
  }
  properties: {
    reserved: true
    maximumElasticWorkerCount: isFlex ? null : maximumInstanceCount
  }
}

resource site 'Microsoft.Web/sites@2024-04-01' = {
  name: name
  location: location
  tags: tags
  kind: 'functionapp,linux'
  identity: {
    type: 'SystemAssigned'
  }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    clientAffinityEnabled: false
    siteConfig: {
      minTlsVersion: '1.2'
      ftpsState: 'Disabled'
      http20Enabled: true
      linuxFxVersion: isFlex ? null : 'DOTNET-ISOLATED|10.0'
      appSettings: [for setting in items(settings): {
        name: setting.key
        value: string(setting.value)
      }]
    }
    functionAppConfig: isFlex ? {
      deployment: {
        storage: {
          type: 'blobContainer'
          value: '${blobEndpoint}${deploymentContainer}'
          authentication: {
            type: 'SystemAssignedIdentity'
          }
        }
      }
      scaleAndConcurrency: {
        maximumInstanceCount: maximumInstanceCount
        instanceMemoryMB: instanceMemoryMB
      }
      runtime: {
        name: 'dotnet-isolated'
        version: '10.0'
      }
    } : null
  }
}

@description('The app name.')
output name string = site.name

@description('The app host name.')
output hostName string = site.properties.defaultHostName

@description('Object id of the system-assigned managed identity.')
output principalId string = site.identity.principalId

@description('Tenant of the managed identity.')
output tenantId string = site.identity.tenantId

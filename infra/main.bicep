// CrmPersonCentric backend: storage, monitoring, the .NET isolated-worker Function App and its role assignments.
// Deploy: az deployment group create -g <rg> -f infra/main.bicep -p infra/dev.bicepparam (see docs/deploy.md).
targetScope = 'resourceGroup'

@description('Short environment name, part of every resource name.')
@allowed([ 'dev', 'test', 'prod' ])
param environmentName string

@description('Region of every resource.')
param location string = resourceGroup().location

@description('Prefix of resource names (letters and digits, 3-10).')
@minLength(3)
@maxLength(10)
param namePrefix string = 'cpc'

@description('The Dataverse environment URL, e.g. https://contoso.crm.dynamics.com.')
param dataverseEnvironmentUrl string

@description('FlexConsumption (default) or ElasticPremium where a region lacks Flex Consumption.')
@allowed([ 'FlexConsumption', 'ElasticPremium' ])
param planKind string = 'FlexConsumption'

@description('Largest instance count.')
@minValue(1)
@maxValue(1000)
param maximumInstanceCount int = 40

@description('Storage redundancy.')
@allowed([ 'Standard_LRS', 'Standard_ZRS', 'Standard_GRS' ])
param storageSku string = 'Standard_LRS'

@description('NCRONTAB (with seconds) of the drift evaluation.')
param evaluateSchedule string = '0 0 * * * *'

@description('NCRONTAB (with seconds) of the weekly report.')
param reportSchedule string = '0 0 7 * * 1'

@description('NCRONTAB (with seconds) of the nightly reconciliation.')
param reconcileSchedule string = '0 30 2 * * *'

@description('Organisation name on reports.')
param organisation string

@description('systemuser id reports are sent from; empty archives reports without sending them.')
param reportSenderUserId string = ''

@description('Persona Studio app id, so report links open in that app; empty opens the environment\'s default app.')
param reportAppId string = ''

@description('https base URL the archived reports are served from (the e-mail digest links to the full report there); empty names the archive path instead.')
param reportUrl string = ''

@description('Folder of a lake export of Dataverse (Synapse Link / Link to Fabric) mounted into the app, e.g. /mounts/dataverse-lake: the evaluation then reads its people from it instead of the tables (docs/lake.md); empty reads the tables.')
param lakePath string = ''

@description('Days Log Analytics keeps data.')
@minValue(30)
@maxValue(730)
param logRetentionDays int = 30

var suffix = uniqueString(resourceGroup().id, environmentName)
var baseName = '${namePrefix}-${environmentName}-${take(suffix, 6)}'
var tags = {
  product: 'CrmPersonCentric'
  environment: environmentName
}

var inboxQueueName = 'cpc-inbox'

// The trigger attributes name these settings as %EvaluateDriftSchedule% etc.: the Functions host resolves them from
// app settings (flat names on purpose; the host does not resolve names with "__").
var productSettings = union({
  EvaluateDriftSchedule: evaluateSchedule
  WeeklyReportSchedule: reportSchedule
  ReconcileSchedule: reconcileSchedule
  InboxQueueName: inboxQueueName
  Reports__Organisation: organisation
}, empty(reportSenderUserId) ? {} : {
  Reports__SenderUserId: reportSenderUserId
}, empty(reportAppId) ? {} : {
  Reports__AppId: reportAppId
}, empty(reportUrl) ? {} : {
  Reports__ReportUrl: reportUrl
}, empty(lakePath) ? {} : {
  Lake__Path: lakePath
})

module storage 'modules/storage.bicep' = {
  name: 'storage'
  params: {
    name: toLower('${namePrefix}${environmentName}${take(suffix, 10)}')
    location: location
    skuName: storageSku
    inboxQueueName: inboxQueueName
    deploymentContainerName: 'app-package'
    tags: tags
  }
}

module monitoring 'modules/monitoring.bicep' = {
  name: 'monitoring'
  params: {
    name: baseName
    location: location
    retentionInDays: logRetentionDays
    tags: tags
  }
}

module app 'modules/functionapp.bicep' = {
  name: 'functionapp'
  params: {
    name: '${baseName}-func'
    location: location
    planKind: planKind
    maximumInstanceCount: maximumInstanceCount
    instanceMemoryMB: 2048
    storageAccountName: storage.outputs.name
    blobEndpoint: storage.outputs.blobEndpoint
    deploymentContainer: storage.outputs.deploymentContainer
    insightsConnectionString: monitoring.outputs.connectionString
    dataverseEnvironmentUrl: dataverseEnvironmentUrl
    productSettings: productSettings
    tags: tags
  }
}

module roles 'modules/roles.bicep' = {
  name: 'roles'
  params: {
    storageAccountName: storage.outputs.name
    insightsName: monitoring.outputs.insightsName
    principalId: app.outputs.principalId
  }
}

@description('The Function App name (for az functionapp commands).')
output functionAppName string = app.outputs.name

@description('The webhook URL to register in Dataverse (the key is the function key, fetched at deploy time).')
output webhookUrl string = 'https://${app.outputs.hostName}/api/dataverse-webhook'

@description('The health endpoint.')
output healthUrl string = 'https://${app.outputs.hostName}/api/health'

@description('Object id of the app\'s managed identity; its application id (for the Dataverse application user) is `az ad sp show --id <this> --query appId -o tsv`.')
output managedIdentityPrincipalId string = app.outputs.principalId

@description('The storage account name.')
output storageAccountName string = storage.outputs.name

@description('Role assignments made for the app identity.')
output roleAssignments int = roles.outputs.assignments

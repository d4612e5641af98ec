// Log Analytics and a workspace-based Application Insights; the app exports OpenTelemetry traces and metrics to it,
// authenticated with its managed identity (Monitoring Metrics Publisher, assigned in main.bicep).

@description('Base name of the resources.')
param name string

@description('Region.')
param location string

@description('Days Log Analytics keeps data.')
@minValue(30)
@maxValue(730)
param retentionInDays int

@description('Tags of every resource.')
param tags object

resource workspace 'Microsoft.OperationalInsights/workspaces@2023-09-01' = {
  name: '${name}-logs'
  location: location
  tags: tags
  properties: {
    sku: {
      name: 'PerGB2018'
    }
    retentionInDays: retentionInDays
  }
}

resource insights 'Microsoft.Insights/components@2020-02-02' = {
  name: '${name}-insights'
  location: location
  tags: tags
  kind: 'web'
  properties: {
    Application_Type: 'web'
    WorkspaceResourceId: workspace.id
    DisableLocalAuth: true
  }
}

@description('Application Insights resource name.')
output insightsName string = insights.name

@description('Application Insights connection string (an endpoint and resource id, not a secret; ingestion needs Entra ID auth).')
output connectionString string = insights.properties.ConnectionString

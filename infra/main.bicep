// Purl on Azure: Container Apps for api, workers and web; PostgreSQL Flexible Server; Azure Cache for Redis;
// RabbitMQ as an internal container app with a persistent volume. Secrets are generated or passed as
// parameters, never committed.
targetScope = 'resourceGroup'

@minLength(1)
@description('azd environment name, used to name every resource.')
param environmentName string

param location string = resourceGroup().location

@secure()
@description('Administrator password of the PostgreSQL server.')
param postgresPassword string

@secure()
@description('Password of the RabbitMQ user the services connect with.')
param rabbitmqPassword string

@secure()
@description('Base64 HMAC key (32 bytes or more) that signs the API\'s access tokens.')
param authSigningKey string

var token = toLower(uniqueString(resourceGroup().id, environmentName))
var tags = { 'azd-env-name': environmentName }

module monitoring 'monitoring.bicep' = {
  name: 'monitoring'
  params: { location: location, tags: tags, name: 'log-${token}' }
}

module data 'data.bicep' = {
  name: 'data'
  params: { location: location, tags: tags, token: token, postgresPassword: postgresPassword }
}

module apps 'apps.bicep' = {
  name: 'apps'
  params: {
    location: location
    tags: tags
    token: token
    logAnalyticsWorkspaceName: monitoring.outputs.workspaceName
    postgresConnectionString: 'Host=${data.outputs.postgresHost};Database=purldb;Username=purl;Password=${postgresPassword};SSL Mode=Require;Maximum Pool Size=100'
    redisConnectionString: '${data.outputs.redisHost}:6380,password=${data.outputs.redisKey},ssl=True,abortConnect=False'
    rabbitmqPassword: rabbitmqPassword
    authSigningKey: authSigningKey
  }
}

output AZURE_CONTAINER_REGISTRY_ENDPOINT string = apps.outputs.registryLoginServer
output SERVICE_API_URI string = apps.outputs.apiUri
output SERVICE_WEB_URI string = apps.outputs.webUri

param location string
param tags object
param token string
param logAnalyticsWorkspaceName string
@secure()
param postgresConnectionString string
@secure()
param redisConnectionString string
@secure()
param rabbitmqPassword string
@secure()
param authSigningKey string

resource workspace 'Microsoft.OperationalInsights/workspaces@2023-09-01' existing = {
  name: logAnalyticsWorkspaceName
}

resource registry 'Microsoft.ContainerRegistry/registries@2023-07-01' = {
  name: 'cr${token}'
  location: location
  tags: tags
  sku: { name: 'Basic' }
  properties: { adminUserEnabled: false }
}

resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' = {
  name: 'id-${token}'
  location: location
  tags: tags
}

resource pull 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  scope: registry
  name: guid(registry.id, identity.id, 'acrpull')
  properties: {
    principalId: identity.properties.principalId
    principalType: 'ServicePrincipal'
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', '7f951dda-4ed3-4680-a7ca-43fe172d538d')
  }
}

resource environment 'Microsoft.App/managedEnvironments@2024-03-01' = {
  name: 'cae-${token}'
  location: location
  tags: tags
  properties: {
    appLogsConfiguration: {
      destination: 'log-analytics'
      logAnalyticsConfiguration: {
        customerId: workspace.properties.customerId
        sharedKey: workspace.listKeys().primarySharedKey
      }
    }
  }
}

// RabbitMQ as an internal TCP app: only the other apps of the environment reach it.
resource rabbitmq 'Microsoft.App/containerApps@2024-03-01' = {
  name: 'rabbitmq'
  location: location
  tags: tags
  properties: {
    managedEnvironmentId: environment.id
    configuration: {
      ingress: { external: false, transport: 'tcp', targetPort: 5672, exposedPort: 5672 }
      secrets: [ { name: 'rabbitmq-password', value: rabbitmqPassword } ]
    }
    template: {
      containers: [
        {
          name: 'rabbitmq'
          image: 'docker.io/library/rabbitmq:3.13-management'
          resources: { cpu: json('1.0'), memory: '2Gi' }
          env: [
            { name: 'RABBITMQ_DEFAULT_USER', value: 'purl' }
            { name: 'RABBITMQ_DEFAULT_PASS', secretRef: 'rabbitmq-password' }
          ]
        }
      ]
      scale: { minReplicas: 1, maxReplicas: 1 }
    }
  }
}

var rabbitmqConnectionString = 'amqp://purl:${rabbitmqPassword}@rabbitmq:5672/'

var sharedSecrets = [
  { name: 'purldb', value: postgresConnectionString }
  { name: 'redis', value: redisConnectionString }
  { name: 'rabbitmq', value: rabbitmqConnectionString }
  { name: 'auth-signing-key', value: authSigningKey }
]

var sharedEnv = [
  { name: 'ConnectionStrings__purldb', secretRef: 'purldb' }
  { name: 'ConnectionStrings__redis', secretRef: 'redis' }
  { name: 'ConnectionStrings__rabbitmq', secretRef: 'rabbitmq' }
  { name: 'Auth__SigningKey', secretRef: 'auth-signing-key' }
]

module api 'app.bicep' = {
  name: 'api'
  params: {
    name: 'api', location: location, tags: tags, environmentId: environment.id, identityId: identity.id
    registryServer: registry.properties.loginServer, external: true, minReplicas: 2, maxReplicas: 20
    secrets: sharedSecrets, env: sharedEnv
  }
  dependsOn: [ pull ]
}

module workers 'app.bicep' = {
  name: 'workers'
  params: {
    name: 'workers', location: location, tags: tags, environmentId: environment.id, identityId: identity.id
    registryServer: registry.properties.loginServer, external: false, minReplicas: 1, maxReplicas: 10
    secrets: sharedSecrets, env: sharedEnv
  }
  dependsOn: [ pull ]
}

module web 'app.bicep' = {
  name: 'web'
  params: {
    name: 'web', location: location, tags: tags, environmentId: environment.id, identityId: identity.id
    registryServer: registry.properties.loginServer, external: true, minReplicas: 1, maxReplicas: 5
    secrets: [], env: [ { name: 'services__api__http__0', value: 'https://${api.outputs.fqdn}' } ]
  }
  dependsOn: [ pull ]
}

output registryLoginServer string = registry.properties.loginServer
output apiUri string = 'https://${api.outputs.fqdn}'
output webUri string = 'https://${web.outputs.fqdn}'

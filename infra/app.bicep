// One of Purl's projects as a container app; azd replaces the image on deploy (tag azd-service-name).
param name string
param location string
param tags object
param environmentId string
param identityId string
param registryServer string
param external bool
param minReplicas int
param maxReplicas int
param secrets array
param env array

resource app 'Microsoft.App/containerApps@2024-03-01' = {
  name: name
  location: location
  tags: union(tags, { 'azd-service-name': name })
  identity: { type: 'UserAssigned', userAssignedIdentities: { '${identityId}': {} } }
  properties: {
    managedEnvironmentId: environmentId
    configuration: {
      ingress: { external: external, targetPort: 8080, transport: 'auto' }
      registries: [ { server: registryServer, identity: identityId } ]
      secrets: secrets
    }
    template: {
      containers: [
        {
          name: name
          image: 'mcr.microsoft.com/dotnet/samples:aspnetapp'
          resources: { cpu: json('1.0'), memory: '2Gi' }
          env: concat(env, [ { name: 'OTEL_SERVICE_NAME', value: name } ])
          probes: [
            { type: 'Liveness', httpGet: { path: '/alive', port: 8080 } }
            { type: 'Readiness', httpGet: { path: '/health', port: 8080 } }
          ]
        }
      ]
      scale: {
        minReplicas: minReplicas
        maxReplicas: maxReplicas
        rules: [ { name: 'http', http: { metadata: { concurrentRequests: '100' } } } ]
      }
    }
  }
}

output fqdn string = app.properties.configuration.ingress.fqdn

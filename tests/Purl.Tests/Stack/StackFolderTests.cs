using System.Text.Json;
using Purl.AppHost.Hosting;

namespace Purl.Tests.Stack;

public sealed class StackFolderTests
{
    [Fact]
    public void Two_servers_never_share_a_port_even_when_the_kept_ports_say_so()
    {
        var root = Directory.CreateTempSubdirectory("purl-stack-").FullName;
        try
        {
            // As a start that was interrupted can leave it: both kept on one port, neither server listening.
            var port = Purl.AppHost.Servers.FreePort.Find();
            File.WriteAllText(Path.Combine(root, "ports.json"), JsonSerializer.Serialize(new Dictionary<string, int>
            {
                ["rabbitmq-management"] = port,
                ["rabbitmq-epmd"] = port,
            }));
            var folder = new StackFolder(root);

            var management = folder.Port("rabbitmq-management");
            var epmd = folder.Port("rabbitmq-epmd");
            var amqp = folder.Port("rabbitmq");

            Assert.Equal(3, new[] { management, epmd, amqp }.Distinct().Count());
            Assert.Equal(management, folder.Port("rabbitmq-management"));
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }
}

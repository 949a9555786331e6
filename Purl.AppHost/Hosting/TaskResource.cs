namespace Purl.AppHost.Hosting;

/// <summary>A one-off step others wait for (applying migrations, loading demo data).</summary>
public sealed class TaskResource(string name, Func<TaskResource, CancellationToken, Task> run) : Resource(name)
{
    public override string Kind => "task";

    public override async Task StartAsync(StackContext context, CancellationToken cancellationToken)
    {
        State = ResourceState.Starting;
        StartedAt = DateTimeOffset.UtcNow;
        try
        {
            await run(this, cancellationToken);
        }
        catch (Exception) when (!cancellationToken.IsCancellationRequested)
        {
            State = ResourceState.Failed;
            throw;
        }
        State = ResourceState.Finished;
        Say($"finished in {(DateTimeOffset.UtcNow - StartedAt.Value).TotalSeconds:0.0} s");
    }

    /// <summary>Lets the step write to its own console on the ops page.</summary>
    public void Report(string message) => Say(message);
}

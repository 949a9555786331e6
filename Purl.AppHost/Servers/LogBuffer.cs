namespace Purl.AppHost.Servers;

/// <summary>The last lines a process printed, with the time each arrived: for the ops page and for error messages.</summary>
public sealed class LogBuffer(int capacity = 1000)
{
    private readonly Queue<LogLine> _lines = new();
    private long _sequence;

    public event Action<LogLine>? LineAdded;

    public void Add(string text)
    {
        LogLine line;
        lock (_lines)
        {
            line = new LogLine(++_sequence, DateTimeOffset.UtcNow, text);
            _lines.Enqueue(line);
            while (_lines.Count > capacity) _lines.Dequeue();
        }
        LineAdded?.Invoke(line);
    }

    public IReadOnlyList<LogLine> Since(long sequence)
    {
        lock (_lines) return _lines.Where(l => l.Sequence > sequence).ToList();
    }

    public string Text(int lastLines = int.MaxValue)
    {
        lock (_lines) return string.Join('\n', _lines.TakeLast(lastLines).Select(l => l.Text));
    }
}

public sealed record LogLine(long Sequence, DateTimeOffset At, string Text);

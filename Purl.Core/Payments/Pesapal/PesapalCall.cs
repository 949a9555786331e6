namespace Purl.Core.Payments.Pesapal;

public enum PesapalFailureKind
{
    /// <summary>Pesapal could not be asked, or did not answer, or answered 5xx: the call may or may not have happened.</summary>
    Unavailable,
    /// <summary>Pesapal answered and said no: the call did not happen, and the same call would be refused again.</summary>
    Rejected,
}

/// <param name="RetryAfter">For <see cref="PesapalFailureKind.Unavailable"/>: when asking again makes sense.</param>
public sealed record PesapalFailure(PesapalFailureKind Kind, string Code, string Message, TimeSpan RetryAfter)
{
    public static PesapalFailure Rejected(string code, string message) => new(PesapalFailureKind.Rejected, code, message, TimeSpan.Zero);

    public static PesapalFailure Unavailable(string code, string message, TimeSpan retryAfter) =>
        new(PesapalFailureKind.Unavailable, code, message, retryAfter);

    /// <summary>As the API answers it: 503 with Retry-After, or 422 with Pesapal's reason.</summary>
    public Problem ToProblem() => Kind == PesapalFailureKind.Unavailable
        ? Problem.Unavailable("Payments are unavailable right now; try again shortly.", RetryAfter, Message)
        : new Problem(ProblemKind.Unprocessable, "Pesapal refused the payment.", Message);
}

/// <summary>A Pesapal answer, or why there is none.</summary>
public readonly struct PesapalCall<T>
{
    private PesapalCall(T? value, PesapalFailure? failure) => (Value, Failure) = (value, failure);

    public T? Value { get; }
    public PesapalFailure? Failure { get; }

    public static implicit operator PesapalCall<T>(T value) => new(value, null);
    public static implicit operator PesapalCall<T>(PesapalFailure failure) => new(default, failure);
}

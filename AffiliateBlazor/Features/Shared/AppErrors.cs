namespace AffiliateBlazor.Features.Shared;

/// <summary>The row does not exist or belongs to someone else: both answer 404, so ids leak nothing.</summary>
public sealed class NotFoundException(string what) : Exception($"{what} was not found.");

/// <summary>Input failed validation; the dictionary maps field names to messages, as problem details expect.</summary>
public sealed class ValidationException(IReadOnlyDictionary<string, string[]> errors)
    : Exception(string.Join(" ", errors.SelectMany(e => e.Value)))
{
    public IReadOnlyDictionary<string, string[]> Errors { get; } = errors;

    public static ValidationException For(string field, string message) => new(new Dictionary<string, string[]> { [field] = [message] });
}

/// <summary>Collects field errors while validating one input.</summary>
public sealed class Validation
{
    private readonly Dictionary<string, List<string>> _errors = new();

    public Validation Check(bool ok, string field, string message)
    {
        if (!ok) (_errors.TryGetValue(field, out var list) ? list : _errors[field] = []).Add(message);
        return this;
    }

    public bool IsValid => _errors.Count == 0;

    public IReadOnlyDictionary<string, string[]> Errors => _errors.ToDictionary(e => e.Key, e => e.Value.ToArray());

    public void ThrowIfInvalid()
    {
        if (!IsValid) throw new ValidationException(Errors);
    }
}

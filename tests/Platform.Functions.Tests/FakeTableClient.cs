using System.Diagnostics.CodeAnalysis;
using System.Text;
using Azure;
using Azure.Core;
using Azure.Data.Tables;

namespace Platform.Functions.Tests;

/// <summary>An in-memory <see cref="TableClient"/> that answers as the Table service and Azure.Data.Tables 12.x do: Add
/// throws 409, Update throws 404 (missing) or 412 (ETag), GetEntityIfExists and DeleteEntity <em>return</em> a 404 instead
/// of throwing it, and a missing table is a 404 with error code <c>TableNotFound</c> (thrown, or in the returned body).</summary>
internal sealed class FakeTableClient(bool tableExists = true) : TableClient
{
    private readonly Dictionary<(string, string), (string Attributes, ETag ETag)> _rows = [];
    private int _version;

    public void Seed(string partitionKey, string rowKey, string attributes) => _rows[(partitionKey, rowKey)] = (attributes, NextETag());

    public ETag ETagOf(string partitionKey, string rowKey) => _rows[(partitionKey, rowKey)].ETag;

    public bool Contains(string partitionKey, string rowKey) => _rows.ContainsKey((partitionKey, rowKey));

    public override Task<NullableResponse<T>> GetEntityIfExistsAsync<T>(string partitionKey, string rowKey, IEnumerable<string>? select = default, CancellationToken cancellationToken = default)
    {
        if (!tableExists || !_rows.TryGetValue((partitionKey, rowKey), out var row))
        {
            return Task.FromResult<NullableResponse<T>>(new NoValue<T>(NotFound(tableExists ? "ResourceNotFound" : "TableNotFound")));
        }

        var entity = new TableEntity(partitionKey, rowKey) { ["attributes"] = row.Attributes, ETag = row.ETag };
        return Task.FromResult<NullableResponse<T>>(Response.FromValue((T)(object)entity, new FakeResponse(200)));
    }

    public override Task<Response> AddEntityAsync<T>(T entity, CancellationToken cancellationToken = default)
    {
        RequireTable();
        if (_rows.ContainsKey((entity.PartitionKey, entity.RowKey)))
        {
            throw new RequestFailedException(409, "The specified entity already exists.", "EntityAlreadyExists", null);
        }

        return Task.FromResult<Response>(Write(entity, 204));
    }

    public override Task<Response> UpsertEntityAsync<T>(T entity, TableUpdateMode mode = TableUpdateMode.Merge, CancellationToken cancellationToken = default)
    {
        RequireTable();
        return Task.FromResult<Response>(Write(entity, 204));
    }

    public override Task<Response> UpdateEntityAsync<T>(T entity, ETag ifMatch, TableUpdateMode mode = TableUpdateMode.Merge, CancellationToken cancellationToken = default)
    {
        RequireTable();
        if (!_rows.TryGetValue((entity.PartitionKey, entity.RowKey), out var row))
        {
            throw new RequestFailedException(404, "The specified resource does not exist.", "ResourceNotFound", null);
        }

        if (ifMatch != ETag.All && ifMatch != row.ETag)
        {
            throw new RequestFailedException(412, "The update condition specified in the request was not satisfied.", "UpdateConditionNotSatisfied", null);
        }

        return Task.FromResult<Response>(Write(entity, 204));
    }

    public override Task<Response> DeleteEntityAsync(string partitionKey, string rowKey, ETag ifMatch = default, CancellationToken cancellationToken = default)
    {
        if (!tableExists)
        {
            return Task.FromResult<Response>(NotFound("TableNotFound"));
        }

        if (!_rows.TryGetValue((partitionKey, rowKey), out var row))
        {
            return Task.FromResult<Response>(NotFound("ResourceNotFound"));
        }

        if (ifMatch != default && ifMatch != ETag.All && ifMatch != row.ETag)
        {
            throw new RequestFailedException(412, "The update condition specified in the request was not satisfied.", "UpdateConditionNotSatisfied", null);
        }

        _rows.Remove((partitionKey, rowKey));
        return Task.FromResult<Response>(new FakeResponse(204));
    }

    private void RequireTable()
    {
        if (!tableExists)
        {
            throw new RequestFailedException(404, "The table specified does not exist.", "TableNotFound", null);
        }
    }

    private FakeResponse Write(ITableEntity entity, int status)
    {
        var etag = NextETag();
        _rows[(entity.PartitionKey, entity.RowKey)] = ((string)((TableEntity)entity)["attributes"], etag);
        return new FakeResponse(status, ("ETag", etag.ToString()), ("Date", DateTimeOffset.UnixEpoch.ToString("R")));
    }

    private ETag NextETag() => new($"W/\"datetime'{++_version}'\"");

    /// <summary>A 404 as the service sends it: the OData error body (the Table service's error code is in the body).</summary>
    private static FakeResponse NotFound(string code) => new(404) { Body = "{\"odata.error\":{\"code\":\"" + code + "\",\"message\":{\"lang\":\"en-US\",\"value\":\"not found\"}}}" };

    private sealed class NoValue<T>(Response response) : NullableResponse<T>
    {
        public override bool HasValue => false;

        public override T? Value => default;

        public override Response GetRawResponse() => response;
    }
}

/// <summary>A buffered HTTP response with a status, headers and a body.</summary>
internal sealed class FakeResponse(int status, params (string Name, string Value)[] headers) : Response
{
    public string Body { init => ContentStream = new MemoryStream(Encoding.UTF8.GetBytes(value)); }

    public override int Status => status;

    public override string ReasonPhrase => string.Empty;

    public override Stream? ContentStream { get; set; }

    public override string ClientRequestId { get; set; } = string.Empty;

    public override void Dispose()
    {
    }

    protected override bool ContainsHeader(string name) => headers.Any(h => h.Name.Equals(name, StringComparison.OrdinalIgnoreCase));

    protected override IEnumerable<HttpHeader> EnumerateHeaders() => headers.Select(h => new HttpHeader(h.Name, h.Value));

    protected override bool TryGetHeader(string name, [NotNullWhen(true)] out string? value)
    {
        value = headers.FirstOrDefault(h => h.Name.Equals(name, StringComparison.OrdinalIgnoreCase)).Value;
        return value is not null;
    }

    protected override bool TryGetHeaderValues(string name, [NotNullWhen(true)] out IEnumerable<string>? values)
    {
        values = TryGetHeader(name, out string? value) ? [value] : null;
        return values is not null;
    }
}

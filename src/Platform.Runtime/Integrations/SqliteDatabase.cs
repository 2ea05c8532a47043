using Microsoft.Data.Sqlite;

namespace Platform.Runtime.Integrations;

/// <summary>One SQLite file in WAL mode shared by the local adapters and the registry: pooled connections, immediate write transactions.</summary>
/// <remarks>Write transactions start with <c>BEGIN IMMEDIATE</c>, so a read-check-write inside one is atomic across every
/// connection and process on the file; a busy file is waited out for up to 30 seconds.</remarks>
internal sealed class SqliteDatabase
{
    private readonly string _connectionString;

    public SqliteDatabase(string path, string schema)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        string? directory = System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(path));
        if (directory is not null)
        {
            Directory.CreateDirectory(directory);
        }

        Path = path;
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = path,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = true,
            DefaultTimeout = 30,
        }.ToString();
        using var connection = Open();
        Execute(connection, null, "PRAGMA journal_mode=WAL;");
        Execute(connection, null, schema);
    }

    public string Path { get; }

    /// <summary>Closes the pooled connections to the file (on dispose of its owner, so the file can be deleted or moved).</summary>
    public void ClearPool()
    {
        using var connection = new SqliteConnection(_connectionString);
        SqliteConnection.ClearPool(connection);
    }

    public T Write<T>(Func<SqliteConnection, SqliteTransaction, T> body)
    {
        using var connection = Open();
        using var transaction = connection.BeginTransaction(deferred: false);
        var result = body(connection, transaction);
        transaction.Commit();
        return result;
    }

    public T Read<T>(Func<SqliteConnection, SqliteTransaction, T> body)
    {
        using var connection = Open();
        using var transaction = connection.BeginTransaction(deferred: true);
        return body(connection, transaction);
    }

    public static SqliteCommand Command(SqliteConnection connection, SqliteTransaction transaction, string sql, params (string Name, object? Value)[] parameters)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value ?? DBNull.Value);
        }

        return command;
    }

    private SqliteConnection Open()
    {
        var connection = new SqliteConnection(_connectionString);
        connection.Open();
        Execute(connection, null, "PRAGMA busy_timeout=30000;");
        return connection;
    }

    private static void Execute(SqliteConnection connection, SqliteTransaction? transaction, string sql)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}

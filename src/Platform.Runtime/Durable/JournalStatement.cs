using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace Platform.Runtime.Durable;

/// <summary>One prepared SQL statement of the journal, run straight on the connection's SQLite handle.</summary>
/// <remarks>
/// <para>The journal runs a handful of statements over and over (a dozen per step of an execution). Through
/// <see cref="SqliteCommand"/> each run costs a data reader, a statement enumerator, a binder object per parameter and the
/// UTF-8 copies of every text value; here a run is a bind, a step and a reset on a statement prepared once per connection.
/// The SQL, the values and the transaction are the same: SQLite transactions belong to the connection, so a statement run
/// here is part of the transaction <see cref="SqliteConnection.BeginTransaction()"/> opened.</para>
/// <para>Errors are those of <see cref="SqliteCommand"/>: a failing step throws <see cref="SqliteException"/>. A busy database
/// is waited out, up to 30 s, by SQLite's busy handler, which <see cref="SqliteJournal.Open"/> sets on every connection
/// (preparing reads the schema, and can meet a lock too).</para>
/// </remarks>
internal sealed class JournalStatement : IDisposable
{
    private readonly sqlite3 _db;
    private readonly sqlite3_stmt _statement;
    private readonly string[] _names;
    private readonly int[] _indexes;

    public JournalStatement(SqliteConnection connection, string sql, ReadOnlySpan<(string Name, object? Value)> parameters)
    {
        _db = connection.Handle ?? throw new InvalidOperationException("The journal connection is not open.");
        int rc = raw.sqlite3_prepare_v2(_db, sql, out _statement);
        SqliteException.ThrowExceptionForRC(rc, _db);
        _names = new string[parameters.Length];
        _indexes = new int[parameters.Length];
        for (int i = 0; i < parameters.Length; i++)
        {
            _names[i] = parameters[i].Name;
            _indexes[i] = raw.sqlite3_bind_parameter_index(_statement, parameters[i].Name);
        }
    }

    /// <summary>Binds the values (by name, as <see cref="SqliteParameter"/> does: null is SQL NULL).</summary>
    public JournalStatement Bind(ReadOnlySpan<(string Name, object? Value)> parameters)
    {
        for (int i = 0; i < parameters.Length; i++)
        {
            var (name, value) = parameters[i];
            int index = i < _names.Length && (ReferenceEquals(_names[i], name) || _names[i] == name)
                ? _indexes[i]
                : raw.sqlite3_bind_parameter_index(_statement, name);
            if (index <= 0)
            {
                throw new InvalidOperationException($"The statement has no parameter '{name}'.");
            }

            int rc = value switch
            {
                null or DBNull => raw.sqlite3_bind_null(_statement, index),
                string text => raw.sqlite3_bind_text16(_statement, index, text),
                long number => raw.sqlite3_bind_int64(_statement, index, number),
                int number => raw.sqlite3_bind_int64(_statement, index, number),
                bool flag => raw.sqlite3_bind_int64(_statement, index, flag ? 1 : 0),
                double real => raw.sqlite3_bind_double(_statement, index, real),
                _ => throw new NotSupportedException($"The journal binds text, integers and reals, not {value.GetType().Name}."),
            };
            SqliteException.ThrowExceptionForRC(rc, _db);
        }

        return this;
    }

    /// <summary>Runs the statement to its end; returns how many rows it changed.</summary>
    public int ExecuteNonQuery()
    {
        try
        {
            while (Step())
            {
            }

            return raw.sqlite3_changes(_db);
        }
        finally
        {
            Reset();
        }
    }

    /// <summary>Returns the first column of the first row (<see cref="long"/>, <see cref="string"/>, <see cref="double"/> or
    /// <see cref="DBNull"/>), or null when there is no row.</summary>
    public object? ExecuteScalar()
    {
        try
        {
            return Step() ? Value(0) : null;
        }
        finally
        {
            Reset();
        }
    }

    /// <summary>Starts reading rows; dispose the reader before the statement runs again.</summary>
    public Reader ExecuteReader() => new(this);

    public void Dispose() => _statement.Dispose();

    private object Value(int column) => raw.sqlite3_column_type(_statement, column) switch
    {
        raw.SQLITE_INTEGER => raw.sqlite3_column_int64(_statement, column),
        raw.SQLITE_FLOAT => raw.sqlite3_column_double(_statement, column),
        raw.SQLITE_NULL => DBNull.Value,
        _ => raw.sqlite3_column_text(_statement, column).utf8_to_string(),
    };

    /// <summary>Steps once: true for a row, false at the end (SQLite's busy handler has waited out a busy database).</summary>
    private bool Step()
    {
        int rc = raw.sqlite3_step(_statement);
        if (rc == raw.SQLITE_ROW)
        {
            return true;
        }

        if (rc == raw.SQLITE_DONE)
        {
            return false;
        }

        SqliteException.ThrowExceptionForRC(rc, _db);
        return false;
    }

    /// <summary>Ends the run (every parameter is bound again by the next one).</summary>
    private void Reset() => raw.sqlite3_reset(_statement);

    /// <summary>The rows of one run of a statement, read as <see cref="SqliteDataReader"/> reads them.</summary>
    internal readonly struct Reader(JournalStatement statement) : IDisposable
    {
        public bool Read() => statement.Step();

        public bool IsDBNull(int column) => raw.sqlite3_column_type(statement._statement, column) == raw.SQLITE_NULL;

        public string GetString(int column) => raw.sqlite3_column_text(statement._statement, column).utf8_to_string();

        public long GetInt64(int column) => raw.sqlite3_column_int64(statement._statement, column);

        public int GetInt32(int column) => checked((int)raw.sqlite3_column_int64(statement._statement, column));

        public void Dispose() => statement.Reset();
    }
}

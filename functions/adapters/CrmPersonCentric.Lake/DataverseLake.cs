using DuckDB.NET.Data;

namespace CrmPersonCentric.Lake;

/// <summary>
/// A copy of Dataverse's tables in a data lake, read with DuckDB (embedded): either Delta tables (Azure Synapse Link's
/// "export to Delta Lake", Link to Microsoft Fabric) — a folder per table, directly or under <c>deltalake/</c>, named
/// after the table's logical name (optionally with a suffix after '_'), with its <c>_delta_log</c> — or the CSV layout
/// described by <c>model.json</c>. Each table is read as its current state: the latest version of each row (by
/// <c>versionnumber</c>, then <c>SinkModifiedOn</c>: retries can repeat a version number) unless that version is a delete
/// (<c>IsDelete</c>, append-only exports); in-place exports have neither duplicates nor deletes, and read the same.
/// Column names are Dataverse's logical names; <c>Id</c> is the row id.
/// </summary>
public sealed class DataverseLake : IDisposable
{
    private readonly string _root;
    private readonly CdmModel? _model;
    private readonly Dictionary<string, string?> _relations = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, string?> _repeated = new(StringComparer.Ordinal);
    private int _deletedTables;
    private readonly List<string> _applied = [];

    private DataverseLake(string root, CdmModel? model, DuckDBConnection connection)
    {
        _root = root;
        _model = model;
        Connection = connection;
    }

    /// <summary>The DuckDB connection the tables are read over.</summary>
    internal DuckDBConnection Connection { get; }

    /// <summary>
    /// What the tables' Delta logs asked of the read, per table read so far: rows left out by deletion vectors (how many,
    /// in how many files) and column mapping. Counts and table names only; for the console and the log. (A lake is read
    /// from one thread at a time, as its one DuckDB connection must be.)
    /// </summary>
    public IReadOnlyList<string> Applied => _applied;

    /// <summary>"delta" or "csv (model.json)".</summary>
    public string Layout => _model is null ? "delta" : "csv (model.json)";

    /// <summary>Whether the folder holds an export of either layout (a model.json, or a folder with a Delta log), without opening it.</summary>
    public static bool Holds(string root)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(root);
        var full = Path.GetFullPath(root);
        return Directory.Exists(full) && (File.Exists(Path.Combine(full, CdmModel.FileName)) || Candidates(full).Any(DeltaLog.IsTable));
    }

    /// <summary>Opens an export folder.</summary>
    /// <exception cref="LakeException">The folder does not exist or holds neither layout.</exception>
    public static DataverseLake Open(string root)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(root);
        var full = Path.GetFullPath(root);
        if (!Directory.Exists(full))
        {
            throw new LakeException($"The lake folder '{root}' does not exist.");
        }

        var model = File.Exists(Path.Combine(full, CdmModel.FileName)) ? CdmModel.Read(full) : null;
        if (model is null && !Candidates(full).Any(DeltaLog.IsTable))
        {
            throw new LakeException($"'{root}' holds neither Delta tables (folders with {DeltaLog.Folder}) nor a {CdmModel.FileName}: point --lake at the export's container folder.");
        }

        var connection = new DuckDBConnection("DataSource=:memory:");
        connection.Open();
        return new DataverseLake(full, model, connection);
    }

    /// <summary>
    /// The table's current rows as a SQL subquery (latest version of each row, deletes dropped), or null when the export
    /// does not hold it. With <paramref name="columns"/>, only those of them the table has (and its row id) go through the
    /// current-state rule: a wide table's other columns are never read, which is most of the rule's cost.
    /// </summary>
    public string? Current(string table, IEnumerable<string>? columns = null)
    {
        if (Relation(table) is not { } relation)
        {
            return null;
        }

        var types = Types(relation);
        var known = types.Keys.ToHashSet();
        bool Is(string column, params string[] kinds) => types.TryGetValue(column, out var type) && kinds.Any(k => type.StartsWith(k, StringComparison.OrdinalIgnoreCase));
        var id = known.Contains("Id") ? "Id" : known.FirstOrDefault(c => string.Equals(c, table + "id", StringComparison.OrdinalIgnoreCase));
        var wanted = columns is null ? null : columns.Append(id).Where(c => c is not null && known.Contains(c)).Distinct(StringComparer.Ordinal).ToList();
        var output = wanted is null ? "*" : string.Join(", ", wanted.Select(c => Sql.Name(c!)));
        if (id is null)
        {
            // Metadata tables (OptionsetMetadata…) have no row id and no versions: read as they are.
            return $"(select {output} from {relation})";
        }

        var order = new List<string>();
        if (known.Contains("versionnumber"))
        {
            order.Add(Is("versionnumber", "BIGINT", "INTEGER", "HUGEINT", "UBIGINT") ? "\"versionnumber\" desc nulls last" : "try_cast(\"versionnumber\" as bigint) desc nulls last");
        }

        if (known.Contains("SinkModifiedOn"))
        {
            // Parquet holds a timestamp; CSV the text "M/d/yyyy h:mm:ss AM" (export FAQ).
            order.Add(Is("SinkModifiedOn", "TIMESTAMP")
                ? "\"SinkModifiedOn\" desc nulls last"
                : "coalesce(try_cast(\"SinkModifiedOn\" as timestamp), try_strptime(cast(\"SinkModifiedOn\" as varchar), '%m/%d/%Y %I:%M:%S %p')) desc nulls last");
        }

        var deleted = !known.Contains("IsDelete") ? "false" : Is("IsDelete", "BOOLEAN") ? "coalesce(\"IsDelete\", false)" : "coalesce(try_cast(\"IsDelete\" as boolean), false)";
        var plain = $"select {output} from {relation} where not {deleted}";
        if (order.Count == 0 || Repeated(relation, id) is not { } repeated)
        {
            return $"({plain})";
        }

        // Versions that tie (the same version number and sink time: CSV times are whole seconds) are told apart by their
        // values, so every read of the table picks the same one (the lake source reads the contacts twice).
        order.Add("__deleted desc");
        order.AddRange((wanted ?? [.. types.Keys]).Where(c => c != id).Order(StringComparer.Ordinal).Select(c => $"{Sql.Name(c!)} nulls last"));

        // Only rows whose id repeats go through the latest-version rule (a window over every row carries every column
        // through a sort: seconds at a few million rows); the others are current as they are.
        return $"(select {output} from {relation} where hash({Sql.Name(id)}) not in (select h from {repeated}) and not {deleted} " +
            $"union all select {output} from (select *, {deleted} as __deleted from {relation} where hash({Sql.Name(id)}) in (select h from {repeated}) " +
            $"qualify row_number() over (partition by {Sql.Name(id)} order by {string.Join(", ", order)}) = 1) where not __deleted)";
    }

    /// <summary>
    /// A temporary table of the hashes of the row ids the relation holds more than once (append-only exports: versions
    /// and deletes), or null when every id is there once (in-place exports): one narrow aggregate per table, kept.
    /// </summary>
    private string? Repeated(string relation, string id)
    {
        if (_repeated.TryGetValue(relation, out var known))
        {
            return known;
        }

        var name = $"cpc_repeated_{_repeated.Count}";
        using var command = Connection.CreateCommand();
        command.CommandText = $"create or replace temp table {name} as select hash({Sql.Name(id)}) as h from {relation} group by 1 having count(*) > 1";
        command.ExecuteNonQuery();
        command.CommandText = $"select count(*) from {name}";
        var any = Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture) > 0;
        _repeated[relation] = any ? name : null;
        return _repeated[relation];
    }

    /// <summary>The column names of a table (empty when the export does not hold it).</summary>
    public IReadOnlySet<string> ColumnsOf(string table) => Relation(table) is { } relation ? Columns(relation) : new HashSet<string>();

    /// <inheritdoc />
    public void Dispose() => Connection.Dispose();

    private HashSet<string> Columns(string relation) => [.. Types(relation).Keys];

    /// <summary>The relation's columns and their DuckDB types.</summary>
    private Dictionary<string, string> Types(string relation)
    {
        using var command = Connection.CreateCommand();
        command.CommandText = $"describe select * from {relation}";
        using var reader = command.ExecuteReader();
        var types = new Dictionary<string, string>(StringComparer.Ordinal);
        while (reader.Read())
        {
            types[reader.GetString(0)] = reader.GetString(1);
        }

        return types;
    }

    /// <summary>The table's files as a DuckDB relation (every row version, deletes included), or null.</summary>
    internal string? Relation(string table)
    {
        if (_relations.TryGetValue(table, out var known))
        {
            return known;
        }

        string? relation = null;
        var notes = new List<string>();
        if (_model is not null)
        {
            if (_model.Table(table) is { Files.Length: > 0 } entity)
            {
                var columns = string.Join(", ", entity.Columns.Select(c => $"{Sql.Literal(c)}: 'VARCHAR'"));
                relation = $"read_csv({Sql.List(entity.Files)}, header = false, columns = {{{columns}}}, quote = '\"', escape = '\"', auto_detect = false)";
            }
        }
        else if (Candidates(_root).Where(DeltaLog.IsTable).OrderBy(f => Path.GetFileName(f).Length).FirstOrDefault(f => Matches(Path.GetFileName(f), table)) is { } folder)
        {
            var snapshot = DeltaLog.Read(folder, Connection);
            relation = snapshot.Files.Count == 0 ? null : $"read_parquet({Sql.List(snapshot.Files)}, union_by_name = true)";
            if (relation is not null && snapshot.Deleted.Count > 0)
            {
                relation = WithoutDeletedRows(table, snapshot);
                notes.Add(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{table}: {snapshot.Deleted.Values.Sum(r => (long)r.Length):N0} rows left out by deletion vectors ({snapshot.Deleted.Count:N0} of {snapshot.Files.Count:N0} files)"));
            }

            if (relation is not null && snapshot.Columns is { } mapped)
            {
                // Column mapping: exactly the schema's columns, each read from its physical column under its logical name
                // (null when no file has it yet: a column added after the files were written). Other Parquet columns — a
                // column dropped from the schema, whose data stays in old files — are not the table's.
                var present = Columns(relation);
                relation = $"(select {string.Join(", ", mapped.Select(m => present.Contains(m.Value) ? $"{Sql.Name(m.Value)} as {Sql.Name(m.Key)}" : $"null::varchar as {Sql.Name(m.Key)}"))} from {relation})";
                notes.Add($"{table}: columns read through the table's column mapping");
            }
        }

        // Cached before it is noted: a relation is worked out (and its notes made) once per table.
        _relations[table] = relation;
        _applied.AddRange(notes);

        return relation;
    }

    /// <summary>
    /// The table's files without the rows their deletion vectors mark: an anti-join of each row's file (DuckDB's
    /// <c>filename</c>) and position in it (<c>file_row_number</c>) with the marked (file, position) pairs. The outcome is
    /// checked first: every marked pair must match a row of its file (were the names written differently, or a position
    /// past the file's end, nothing would match and the deleted rows would come back without an error).
    /// </summary>
    private string WithoutDeletedRows(string table, DeltaLog.Snapshot snapshot)
    {
        var deleted = $"cpc_deleted_{++_deletedTables}";
        using (var command = Connection.CreateCommand())
        {
            command.CommandText = $"create or replace table {deleted} (file varchar, row bigint)";
            command.ExecuteNonQuery();
        }

        using (var appender = Connection.CreateAppender(deleted))
        {
            foreach (var (file, rows) in snapshot.Deleted)
            {
                foreach (var row in rows)
                {
                    appender.CreateRow().AppendValue(file).AppendValue(row).EndRow();
                }
            }
        }

        using (var command = Connection.CreateCommand())
        {
            command.CommandText = $"select count(*) from read_parquet({Sql.List(snapshot.Deleted.Keys)}, filename = '__cpc_file', file_row_number = true) r semi join {deleted} d on d.file = r.\"__cpc_file\" and d.row = r.file_row_number";
            if (Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture) != snapshot.Deleted.Values.Sum(r => (long)r.Length))
            {
                throw new LakeException($"The Delta table '{table}' has deletion vectors that do not match its files' rows (a position past a file's end, or a file DuckDB names differently): its deleted rows cannot be left out.");
            }
        }

        return $"(select r.* exclude (\"__cpc_file\", file_row_number) from read_parquet({Sql.List(snapshot.Files)}, union_by_name = true, filename = '__cpc_file', file_row_number = true) r " +
            $"anti join {deleted} d on d.file = r.\"__cpc_file\" and d.row = r.file_row_number)";
    }

    private static bool Matches(string folder, string table) =>
        string.Equals(folder, table, StringComparison.OrdinalIgnoreCase) || folder.StartsWith(table + "_", StringComparison.OrdinalIgnoreCase);

    private static IEnumerable<string> Candidates(string root)
    {
        var delta = Path.Combine(root, "deltalake");
        return Directory.EnumerateDirectories(root).Concat(Directory.Exists(delta) ? Directory.EnumerateDirectories(delta) : []);
    }
}

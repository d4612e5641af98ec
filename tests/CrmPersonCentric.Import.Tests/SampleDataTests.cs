using CrmPersonCentric.Import.Sample;
using CrmPersonCentric.Model;

namespace CrmPersonCentric.Import.Tests;

public sealed class SampleDataTests
{
    [Fact]
    public void ShippedSample_IsWhatTheGeneratorProduces()
    {
        using var temp = new TempDirectory();
        var options = new SampleOptions();

        OrgDataWriter.Write(SampleOrganisation.Generate(options), temp.Path, SampleOrganisation.TypedSpelling(options.Seed));

        var shipped = Path.Combine(RepositoryRoot.Path, "samples", "northwind");
        foreach (var file in Directory.GetFiles(temp.Path))
        {
            var name = Path.GetFileName(file);
            Assert.True(File.ReadAllBytes(file).AsSpan().SequenceEqual(File.ReadAllBytes(Path.Combine(shipped, name))),
                $"samples/northwind/{name} differs from the generator: run `cpc sample --out samples/northwind`.");
        }
    }

    [Fact]
    public void Generate_SameSeed_SameData_OtherSeed_OtherData()
    {
        var a = SampleOrganisation.Generate(new SampleOptions { Seed = 7, Scale = 0.1 });
        var b = SampleOrganisation.Generate(new SampleOptions { Seed = 7, Scale = 0.1 });
        var c = SampleOrganisation.Generate(new SampleOptions { Seed = 8, Scale = 0.1 });

        Assert.Equal(a.Profiles, b.Profiles);
        Assert.Equal(a.Signals, b.Signals);
        Assert.NotEqual(a.Profiles.Select(p => p.Traits), c.Profiles.Select(p => p.Traits));
    }

    [Fact]
    public void WriteThenRead_TypedSpellingsNormaliseBackToTheSameKeys()
    {
        using var temp = new TempDirectory();
        var data = SampleOrganisation.Generate(new SampleOptions { Seed = 3, Scale = 0.1 });

        OrgDataWriter.Write(data, temp.Path, SampleOrganisation.TypedSpelling(3));
        var read = OrgDataReader.Read(temp.Path);

        Assert.Equal(data.Personas.Length, read.Personas.Length);
        Assert.Equal(data.Profiles.Select(p => (p.ContactId, p.PersonaId, p.Traits, p.Trust, p.Account)), read.Profiles.Select(p => (p.ContactId, p.PersonaId, p.Traits, p.Trust, p.Account)));
        Assert.Equal(data.Signals.Select(s => (s.Id, s.Type, s.Layer, s.OccurredOn)), read.Signals.Select(s => (s.Id, s.Type, s.Layer, s.OccurredOn)));
        Assert.Equal(data.ExportedOn, read.ExportedOn);
        Assert.Contains(read.Profiles, p => p.Traits.Contains(TraitDimension.CoreFear, "missing-quota"));
    }
}

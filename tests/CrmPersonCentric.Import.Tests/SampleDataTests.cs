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
    public void Read_KeptStringsThatRepeat_AreHeldOnce()
    {
        // Every profile and signal is kept until the evaluation: a signal's contact ids and theme, a contact's persona id
        // and account keys are the strings already held, not a copy per record (what the collector moves as a file is read).
        var data = OrgDataReader.Read(Path.Combine(RepositoryRoot.Path, "samples", "northwind"));
        var contacts = data.Profiles.ToDictionary(p => p.ContactId, StringComparer.Ordinal);
        var personas = data.Personas.ToDictionary(p => p.Id, StringComparer.Ordinal);

        Assert.All(data.Signals.Where(s => contacts.ContainsKey(s.ContactId)), s => Assert.Same(contacts[s.ContactId].ContactId, s.ContactId));
        Assert.All(data.Signals.Where(s => s.RelatedContactId is { } r && contacts.ContainsKey(r)), s => Assert.Same(contacts[s.RelatedContactId!].ContactId, s.RelatedContactId));
        Assert.All(data.Signals.Where(s => s.Theme is not null).GroupBy(s => s.Theme, StringComparer.Ordinal), g => Assert.All(g, s => Assert.Same(g.First().Theme, s.Theme)));
        Assert.All(data.Profiles.Where(p => p.PersonaId is not null), p => Assert.Same(personas[p.PersonaId!].Id, p.PersonaId));
        Assert.All(data.Profiles.Where(p => p.Account.Region is not null).GroupBy(p => p.Account.Region, StringComparer.Ordinal), g => Assert.All(g, p => Assert.Same(g.First().Account.Region, p.Account.Region)));
        Assert.Contains(data.Signals, s => s.RelatedContactId is not null);
        // People whose column holds the same text share its keys' array (the sample repeats its phrasings: fewer
        // arrays than people, 1,084 for 2,058 in the shipped sample; one per person before).
        var fears = data.Profiles.Where(p => p.Traits[TraitDimension.CoreFear].Length > 0).ToList();
        var arrays = fears.Select(p => System.Runtime.InteropServices.ImmutableCollectionsMarshal.AsArray(p.Traits[TraitDimension.CoreFear])).Distinct().Count();
        Assert.True(arrays * 3 < fears.Count * 2, $"{arrays} arrays for {fears.Count} people");
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

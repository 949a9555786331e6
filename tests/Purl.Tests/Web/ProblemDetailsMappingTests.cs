using System.Net;
using Bunit;
using Purl.Web.Api;
using Purl.Web.Components.Shared;

namespace Purl.Tests.Web;

/// <summary>The API's ProblemDetails shown in place: field messages under their inputs, the rest at the top of the form.</summary>
public sealed class ProblemDetailsMappingTests
{
    private const string Validation = """
        {"type":"https://tools.ietf.org/html/rfc9110#section-15.5.1","title":"One or more validation errors occurred.","status":400,
         "errors":{"price":["Price must be more than 0."],"variants[0].stock":["Stock cannot be negative."],"storeName":["Taken."]}}
        """;

    [Fact]
    public void Field_errors_are_found_whatever_the_case_of_the_field_name()
    {
        var problem = ApiProblem.Parse(Validation, "fallback", HttpStatusCode.BadRequest);

        Assert.Equal("One or more validation errors occurred.", problem.Message);
        Assert.Equal(["Price must be more than 0."], problem.For("Price"));
        Assert.Equal(["Stock cannot be negative."], problem.For("variants[0].stock"));
        Assert.Empty(problem.For("name"));
    }

    [Fact]
    public void Messages_of_fields_the_form_does_not_show_go_to_the_top()
    {
        var problem = ApiProblem.Parse(Validation, "fallback");

        Assert.Equal(["Stock cannot be negative.", "Taken."], problem.Unclaimed(["price"]).ToList());
    }

    [Fact]
    public void A_problem_without_field_errors_reads_title_and_detail()
    {
        var problem = ApiProblem.Parse("""{"title":"Account locked.","detail":"Try again in 5 minutes.","status":423}""", "fallback");

        Assert.Equal("Account locked. Try again in 5 minutes.", problem.Message);
        Assert.Empty(problem.FieldErrors);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("<html>Bad gateway</html>")]
    [InlineData("[1,2]")]
    public void A_body_that_is_not_a_problem_gives_the_fallback(string? body) =>
        Assert.Equal("fallback", ApiProblem.Parse(body, "fallback").Message);

    [Fact]
    public void The_field_component_shows_only_its_fields_messages()
    {
        using var bunit = new BunitContext();
        var problem = ApiProblem.Parse(Validation, "fallback");

        var price = bunit.Render<FieldErrors>(p => p.Add(c => c.Problem, problem).Add(c => c.Field, "price"));
        var name = bunit.Render<FieldErrors>(p => p.Add(c => c.Problem, problem).Add(c => c.Field, "name"));

        Assert.Equal("Price must be more than 0.", price.Find(".validation-message").TextContent);
        Assert.Empty(name.FindAll(".validation-message"));
    }

    [Fact]
    public void The_alert_lists_what_no_input_shows_and_offers_a_retry()
    {
        using var bunit = new BunitContext();
        var retried = false;
        var problem = ApiProblem.Parse(Validation, "fallback");

        var alert = bunit.Render<ProblemAlert>(p => p
            .Add(c => c.Problem, problem)
            .Add(c => c.ShownFields, ["price", "storeName"])
            .Add(c => c.OnRetry, () => retried = true));
        alert.Find("button").Click();

        Assert.Contains("One or more validation errors occurred.", alert.Find("[role=alert] p").TextContent);
        Assert.Equal(["Stock cannot be negative."], alert.FindAll("li").Select(li => li.TextContent));
        Assert.True(retried);
    }
}

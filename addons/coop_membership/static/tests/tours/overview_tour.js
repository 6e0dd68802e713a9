import { registry } from "@web/core/registry";

registry.category("web_tour.tours").add("coop_overview_tour", {
    url: "/web#action=coop_membership.action_coop_overview",
    steps: () => [
        {
            content: "The overview shows the members' tile with its count",
            trigger: ".o_coop_overview .o_kanban_record:contains('Members'):contains('3')",
        },
        {
            content: "It tells the members by state",
            trigger: ".o_coop_overview .o_kanban_record:contains('Candidate member: 1')",
        },
        {
            content: "Open the candidates' tile",
            trigger: ".o_coop_overview .o_kanban_record:contains('Candidates'):contains('waiting for admission')",
            run: "click",
        },
        {
            content: "The breadcrumb names the tile",
            trigger: ".o_breadcrumb .active:contains('Candidates')",
        },
        {
            content: "The list holds the candidate",
            trigger: ".o_kanban_record:contains('Overview Candidate')",
        },
        {
            content: "Back to the overview",
            trigger: ".o_breadcrumb a:contains('Co-op overview')",
            run: "click",
        },
        {
            content: "The overview is back",
            trigger: ".o_coop_overview .o_kanban_record:contains('Candidates')",
        },
    ],
});

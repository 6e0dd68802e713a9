import { registry } from "@web/core/registry";

registry.category("web_tour.tours").add("coop_portal_vote_tour", {
    url: "/my/votes",
    steps: () => [
        {
            content: "The open proposal is listed",
            trigger: ".o_coop_votes a:contains('Open a second clinic')",
            run: "click",
        },
        {
            content: "Vote yes",
            trigger: "input#choice_yes",
            run: "click",
        },
        {
            content: "Cast the ballot",
            trigger: "button.o_coop_cast",
            run: "click",
        },
        {
            content: "A receipt code is given",
            trigger: ".o_coop_receipt strong",
        },
    ],
});

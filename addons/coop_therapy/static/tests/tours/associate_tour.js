import { registry } from "@web/core/registry";

/** A figure as the en_US web client shows it ("1,234.50") as a number. */
function figure(element) {
    const text = (element.value ?? element.textContent).replace(/,/g, "").trim();
    const value = parseFloat(text);
    if (Number.isNaN(value)) {
        throw new Error(`"${element.textContent}" is not a figure`);
    }
    return value;
}

function near(actual, expected, what) {
    if (Math.abs(actual - expected) > 0.005) {
        throw new Error(`${what}: ${actual} shown, ${expected} expected`);
    }
}

/** The associate's daily path: her progress, an hour logged, her week
 * submitted to her supervisor, her membership. What she reads at each step is
 * checked, and so is the absence of what she cannot do. */
registry.category("web_tour.tours").add("coop_associate_tour", {
    steps: () => {
        const seen = {};
        const hours = 2.5;
        return [
            {
                content: "She lands on her own progress toward licensure",
                trigger:
                    ".o_form_view .o_form_readonly .o_field_widget[name='employee_id']:contains('Grace Kim')",
            },
            {
                content: "Her progress by bucket is drawn",
                trigger: ".o_form_view .o_field_widget[name='progress_html'] .progress-bar",
            },
            {
                content: "Her valid hours are shown",
                trigger: ".o_form_view .o_field_widget[name='valid_hours']",
                run() {
                    seen.valid = figure(this.anchor);
                    if (!(seen.valid > 0)) {
                        throw new Error(`No valid hours shown (${seen.valid})`);
                    }
                },
            },
            {
                content: "Her hours logged and waiting for a signature are shown",
                trigger: ".o_form_view .o_field_widget[name='logged_hours']",
                run() {
                    seen.logged = figure(this.anchor);
                    seen.pending = figure(
                        document.querySelector(".o_form_view .o_field_widget[name='pending_hours']")
                    );
                },
            },
            {
                content: "Nothing to edit on her progress",
                trigger: ".o_form_view:not(:has(.o_form_button_save)):not(:has(.o_form_button_create))",
            },
            {
                content: "Open her hour logs",
                trigger: ".o_form_view button[name='action_view_logs']",
                run: "click",
            },
            {
                content: "Her hour logs: the week's column says what it holds",
                trigger: ".o_list_view th[data-name='week_state']:contains(\"Week's state\")",
            },
            {
                content: "Log new hours",
                trigger: ".o_control_panel .o_list_button_add",
                run: "click",
            },
            {
                content: "The line is hers",
                trigger: ".o_selected_row .o_field_widget[name='licensure_id'] input:value('Grace Kim')",
            },
            {
                content: "The work setting comes from her supervision agreement",
                trigger: ".o_selected_row .o_field_widget[name='setting'] input:value('Riverbend Clinic')",
            },
            {
                content: "Type the category",
                trigger: ".o_selected_row .o_field_widget[name='category_id'] input",
                run: "edit Direct counseling",
            },
            {
                content: "Only her path's categories are offered (other paths' share their names)",
                trigger:
                    ".o-autocomplete--dropdown-menu .ui-menu-item a:contains('Direct counseling: individual')",
                run() {
                    const offered = [
                        ...document.querySelectorAll(".o-autocomplete--dropdown-menu .ui-menu-item a"),
                    ].map((item) => item.textContent.trim());
                    const named = (name) => offered.filter((text) => text === name).length;
                    if (named("Direct counseling: individual") !== 1 || named("Direct counseling")) {
                        throw new Error(`Categories offered: ${offered.join(" | ")}`);
                    }
                },
            },
            {
                content: "Choose individual direct counseling",
                trigger: ".o-autocomplete--dropdown-menu .ui-menu-item a:contains('Direct counseling: individual')",
                run: "click",
            },
            {
                content: "Type the hours",
                trigger: ".o_selected_row .o_field_widget[name='hours'] input",
                run: `edit ${hours}`,
            },
            {
                content: "Save the line",
                trigger: ".o_control_panel .o_list_button_save",
                run: "click",
            },
            {
                content: "The line is saved in an open week",
                trigger:
                    ".o_list_view:not(:has(.o_selected_row)) .o_data_row:has(.o_data_cell[name='hours']:contains('2.50')) .o_data_cell[name='week_state']:contains('Open')",
            },
            {
                content: "Back to her progress",
                trigger: ".o_breadcrumb .breadcrumb-item:not(.active) a",
                run: "click",
            },
            {
                content: "Her progress counts the new hours at once (not only once the week is signed)",
                trigger: ".o_form_view .o_field_widget[name='logged_hours']",
                run() {
                    near(figure(this.anchor), seen.logged + hours, "Hours logged");
                    const pending = document.querySelector(
                        ".o_form_view .o_field_widget[name='pending_hours']"
                    );
                    near(figure(pending), seen.pending + hours, "Hours waiting for a signature");
                    const valid = document.querySelector(
                        ".o_form_view .o_field_widget[name='valid_hours']"
                    );
                    near(figure(valid), seen.valid, "Valid hours (signed weeks only)");
                },
            },
            {
                content: "Open her weeks",
                trigger: ".o_form_view button[name='action_view_weeks']",
                run: "click",
            },
            {
                content: "Her open week is listed first, in its work setting",
                trigger:
                    ".o_list_view .o_data_row:first-child:has(.o_data_cell[name='setting']:contains('Riverbend Clinic')) .o_data_cell[name='state']:contains('Open')",
                run: "click",
            },
            {
                content: "The week holds the new line",
                trigger:
                    ".o_form_view .o_field_widget[name='line_ids'] .o_data_row:has(.o_data_cell[name='category_id']:contains('Direct counseling: individual')) .o_data_cell[name='hours']:contains('2.50')",
            },
            {
                content: "The week's total is the sum of its lines",
                trigger: ".o_form_view .o_field_widget[name='total_hours']",
                run() {
                    const cells = document.querySelectorAll(
                        ".o_form_view .o_field_widget[name='line_ids'] .o_data_row .o_data_cell[name='hours']"
                    );
                    const sum = [...cells].reduce((total, cell) => total + figure(cell), 0);
                    if (sum < hours) {
                        throw new Error(`The week's lines add up to ${sum}`);
                    }
                    near(figure(this.anchor), sum, "The week's total");
                },
            },
            {
                content: "Her own week shows no supervisor's button",
                trigger:
                    ".o_form_view .o_form_statusbar:has(button[name='action_submit']):not(:has(button[name='action_open_sign_wizard'])):not(:has(button[name='action_return']))",
            },
            {
                content: "Submit the week to her supervisor",
                trigger: ".o_form_view .o_form_statusbar button[name='action_submit']",
                run: "click",
            },
            {
                content: "Without its supervision the week is submitted only once confirmed",
                trigger: ".modal:contains('supervision requirement is not met') .modal-footer .btn-primary",
                run: "click",
            },
            {
                content: "The week is submitted",
                trigger: ".o_statusbar_status .o_arrow_button_current:contains('Submitted')",
            },
            {
                content: "Still no supervisor's button on her submitted week, and nothing more to submit",
                trigger:
                    ".o_form_view .o_form_statusbar:not(:has(button[name='action_submit'])):not(:has(button[name='action_open_sign_wizard'])):not(:has(button[name='action_return']))",
            },
            {
                content: "Open the apps",
                trigger: ".o_navbar_apps_menu button",
                run: "click",
            },
            {
                content: "Open the Co-op app",
                trigger: ".o_app[data-menu-xmlid='coop_membership.menu_coop_root']",
                run: "click",
            },
            {
                content: "Open her membership from the menu",
                trigger: ".o_menu_sections [data-menu-xmlid='coop_membership.menu_coop_my_membership']",
                run: "click",
            },
            {
                content: "Her membership, read-only: an associate",
                trigger:
                    ".o_form_view .o_form_readonly:has(.o_field_widget[name='partner_id']:contains('Grace Kim')) .o_statusbar_status .o_arrow_button_current:contains('Associate')",
            },
            {
                content: "Its history: registered as an associate",
                trigger:
                    ".o_form_view .o_field_widget[name='transition_ids'] .o_data_row:has(.o_data_cell[name='to_state']:contains('Associate'))",
            },
            {
                content: "Nothing to save, create or change on it",
                trigger:
                    ".o_form_view:not(:has(.o_form_button_save)):not(:has(.o_form_button_create)):not(:has(.o_field_x2many_list_row_add)):not(:has(.o_statusbar_buttons button))",
            },
        ];
    },
});

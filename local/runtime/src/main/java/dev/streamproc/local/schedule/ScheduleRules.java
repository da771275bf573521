package dev.streamproc.local.schedule;

import dev.streamproc.local.cloud.template.Template;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The schedule rules of a template: every function event of {@code Type: Schedule} (or {@code ScheduleV2}). */
public final class ScheduleRules {

    private ScheduleRules() {
    }

    public static List<ScheduleRule> of(Template template) {
        List<ScheduleRule> rules = new ArrayList<>();
        for (Template.FunctionDef function : template.functions()) {
            for (Template.EventDef event : function.events()) {
                if (!event.type().equals("Schedule") && !event.type().equals("ScheduleV2")) {
                    continue;
                }
                Map<String, Object> properties = new LinkedHashMap<>(event.properties());
                if (event.type().equals("ScheduleV2")) {
                    properties.putIfAbsent("Schedule", properties.get("ScheduleExpression"));
                }
                // SAM names the rule after the function and the event; CloudFormation prefixes the stack
                String defaultName = template.stackName() + "-" + function.logicalId() + event.name();
                rules.add(ScheduleRule.fromSam(function.logicalId(), defaultName, template.region(), template.accountId(), properties));
            }
        }
        return rules;
    }
}

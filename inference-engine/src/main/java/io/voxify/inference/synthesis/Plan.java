package io.voxify.inference.synthesis;

import java.util.List;

/** A request turned into steps, ready to be rendered; at least one of them is speech. */
public final class Plan {

    private final List<Step> steps;
    private final List<Step.Say> says;

    Plan(List<Step> steps) {
        this.steps = List.copyOf(steps);
        this.says = this.steps.stream()
                .filter(Step.Say.class::isInstance)
                .map(Step.Say.class::cast)
                .toList();
    }

    /** How many stretches of speech the engines are asked for. */
    public int sentences() {
        return says.size();
    }

    List<Step> steps() {
        return steps;
    }

    List<Step.Say> says() {
        return says;
    }
}

package io.ccpulse.simulator.model;

import java.util.List;

/** The simulated organisation: tenants, their queues, their agents and shifts. */
public record CenterLayout(
    List<String> tenantIds, List<ContactQueue> queues, List<AgentProfile> agents) {}

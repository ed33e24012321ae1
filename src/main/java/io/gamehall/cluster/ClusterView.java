package io.gamehall.cluster;

import java.util.List;

/**
 * One membership view as this node sees it: the JGroups view id, the member node names in view
 * order, and whether they reach the quorum (then the node accepts moves and may claim tables).
 */
public record ClusterView(long id, List<String> members, boolean quorate) {
  public ClusterView {
    members = List.copyOf(members);
  }
}

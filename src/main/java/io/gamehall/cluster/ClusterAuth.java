package io.gamehall.cluster;

import java.util.Iterator;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.jgroups.Message;
import org.jgroups.conf.ClassConfigurator;
import org.jgroups.protocols.AUTH;
import org.jgroups.protocols.AuthHeader;
import org.jgroups.protocols.SYM_ENCRYPT;
import org.jgroups.protocols.pbcast.GMS;
import org.jgroups.protocols.pbcast.JoinRsp;
import org.jgroups.util.MessageBatch;
import org.jgroups.util.Util;

/**
 * JGroups AUTH with {@link ClusterToken}, placed below SYM_ENCRYPT so that a refused node hears
 * why.
 *
 * <p>Plain AUTH sits above the encryption; its rejection is then encrypted with a key the refused
 * node lacks, so that node only logs decryption errors and retries until it gives up. Here the
 * check runs on the cleartext headers (SYM_ENCRYPT encrypts payloads only), the rejection leaves
 * unencrypted and carries the reason, and the refused node hands it straight to GMS, whose connect
 * then fails with that reason. Both sides log it. The rejection says only why; nothing of the
 * cluster's traffic leaves unencrypted.
 */
final class ClusterAuth extends AUTH {
  private static final Logger LOG = Logger.getLogger(ClusterAuth.class.getName());
  private static final short ENCRYPT_ID = ClassConfigurator.getProtocolId(SYM_ENCRYPT.class);

  private final ClusterToken token;
  private volatile String refusedWith;

  ClusterAuth(ClusterToken token) {
    this.token = token;
    setAuthToken(token);
    // Not a registered protocol of its own: it stands in for AUTH, headers included.
    setId(ClassConfigurator.getProtocolId(AUTH.class));
  }

  /** The reason the cluster gave when it refused this node, or null. */
  String refusedWith() {
    return refusedWith;
  }

  @Override
  protected boolean handleAuthHeader(GMS.GmsHeader gmsHeader, AuthHeader authHeader, Message msg) {
    if (!needsAuthentication(msg, gmsHeader)) {
      return true;
    }
    String reason = token.refusal(authHeader.getToken());
    if (reason == null) {
      return true;
    }
    LOG.warning(() -> "refused node " + msg.getSrc() + " at " + local_addr + ": " + reason);
    sendRejectionMessage(gmsHeader.getType(), msg.getSrc(), reason);
    return false;
  }

  /**
   * AUTH decides whether a JOIN_RSP carries a token by reading the JoinRsp from its payload. Below
   * SYM_ENCRYPT that payload is ciphertext, the read yields null and AUTH throws a
   * NullPointerException, so the coordinator never sent an accepted join's response: every joiner
   * timed out its JOIN attempts, became a singleton and only merged back through MERGE3 (seen in
   * WildFlyClusterIT's logs: "unable to send message down: NullPointerException ... JoinRsp"). An
   * encrypted JOIN_RSP comes from a member holding the cluster key, which authenticates it; a
   * rejection leaves unencrypted and is read in {@link #rejection}.
   */
  @Override
  protected boolean needsAuthentication(Message msg, GMS.GmsHeader header) {
    if (header.getType() == GMS.GmsHeader.JOIN_RSP && msg.getHeader(ENCRYPT_ID) != null) {
      return false;
    }
    return super.needsAuthentication(msg, header);
  }

  @Override
  public Object up(Message msg) {
    return rejection(msg) ? null : super.up(msg);
  }

  @Override
  public void up(MessageBatch batch) {
    for (Iterator<Message> it = batch.iterator(); it.hasNext(); ) {
      if (rejection(it.next())) {
        it.remove();
      }
    }
    if (!batch.isEmpty()) {
      super.up(batch);
    }
  }

  /**
   * A join rejection (unencrypted, with a reason) goes straight to GMS, past SYM_ENCRYPT, which
   * would drop it for lacking its header.
   */
  private boolean rejection(Message msg) {
    GMS.GmsHeader header = getGMSHeader(msg);
    if (header == null
        || header.getType() != GMS.GmsHeader.JOIN_RSP
        || msg.getHeader(ENCRYPT_ID) != null
        || !msg.hasArray()) {
      return false;
    }
    JoinRsp response;
    try {
      response =
          Util.streamableFromBuffer(JoinRsp::new, msg.getArray(), msg.getOffset(), msg.getLength());
    } catch (Exception e) {
      return false;
    }
    if (response == null || response.getFailReason() == null) {
      return false;
    }
    refusedWith = response.getFailReason();
    LOG.log(
        Level.SEVERE,
        () ->
            "this node ("
                + local_addr
                + ") was refused by cluster member "
                + msg.getSrc()
                + ": "
                + response.getFailReason());
    GMS gms = getProtocolStack().findProtocol(GMS.class);
    if (gms != null) {
      gms.up(msg);
    }
    return true;
  }
}

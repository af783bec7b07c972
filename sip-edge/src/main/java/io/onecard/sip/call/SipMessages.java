package io.onecard.sip.call;

import java.security.SecureRandom;
import java.text.ParseException;
import java.util.ArrayList;
import java.util.List;
import javax.sip.ClientTransaction;
import javax.sip.Dialog;
import javax.sip.InvalidArgumentException;
import javax.sip.ServerTransaction;
import javax.sip.SipException;
import javax.sip.SipProvider;
import javax.sip.address.Address;
import javax.sip.address.AddressFactory;
import javax.sip.address.SipURI;
import javax.sip.header.CSeqHeader;
import javax.sip.header.CallIdHeader;
import javax.sip.header.ContactHeader;
import javax.sip.header.ContentTypeHeader;
import javax.sip.header.FromHeader;
import javax.sip.header.HeaderFactory;
import javax.sip.header.MaxForwardsHeader;
import javax.sip.header.ToHeader;
import javax.sip.header.ViaHeader;
import javax.sip.message.Message;
import javax.sip.message.MessageFactory;
import javax.sip.message.Request;
import javax.sip.message.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds and sends the SIP messages of the edge, over the stack's factories and provider.
 *
 * <p>Sending never throws: a message that cannot be sent (a transport error, a transaction that has just
 * ended) is logged and reported as {@code false}, because a B2BUA must carry on with the other leg whatever
 * happens to one. Thread-safe: the factories keep no per-message state.
 */
final class SipMessages {
    private static final Logger LOG = LoggerFactory.getLogger(SipMessages.class);
    private static final char[] TAG_CHARACTERS = "0123456789abcdefghijklmnopqrstuvwxyz".toCharArray();

    private final SipProvider provider;
    private final MessageFactory messages;
    private final HeaderFactory headers;
    private final AddressFactory addresses;
    private final String host;
    private final int port;
    private final SecureRandom random = new SecureRandom();

    SipMessages(SipProvider provider, MessageFactory messages, HeaderFactory headers, AddressFactory addresses,
        String host, int port) {
        this.provider = provider;
        this.messages = messages;
        this.headers = headers;
        this.addresses = addresses;
        this.host = host;
        this.port = port;
    }

    SipProvider provider() {
        return provider;
    }

    HeaderFactory headers() {
        return headers;
    }

    AddressFactory addresses() {
        return addresses;
    }

    String host() {
        return host;
    }

    int port() {
        return port;
    }

    /** A fresh random tag for a From or To header. */
    String newTag() {
        char[] tag = new char[12];
        for (int i = 0; i < tag.length; i++) {
            tag[i] = TAG_CHARACTERS[random.nextInt(TAG_CHARACTERS.length)];
        }
        return new String(tag);
    }

    /** A response to {@code request}, with {@code toTag} set when the request had none. */
    Response response(int status, Request request, String toTag) throws ParseException {
        Response response = messages.createResponse(status, request);
        ToHeader to = (ToHeader) response.getHeader(ToHeader.NAME);
        if (toTag != null && to != null && to.getTag() == null && status > 100) {
            to.setTag(toTag);
        }
        return response;
    }

    /** Sends a response on a server transaction; {@code false} when it could not be sent. */
    boolean send(ServerTransaction transaction, Response response) {
        try {
            transaction.sendResponse(response);
            return true;
        } catch (SipException | InvalidArgumentException | RuntimeException e) {
            LOG.debug("cannot send {} response: {}", response.getStatusCode(), e.toString());
            return false;
        }
    }

    /** Builds and sends a bodiless response. */
    boolean respond(ServerTransaction transaction, int status, String toTag) {
        try {
            return send(transaction, response(status, transaction.getRequest(), toTag));
        } catch (ParseException e) {
            LOG.debug("cannot build {} response", status, e);
            return false;
        }
    }

    /** Our Contact, {@code <sip:onecard@host:port;transport=t>}. */
    ContactHeader contact(String transport) throws ParseException {
        SipURI uri = addresses.createSipURI("onecard", host);
        uri.setPort(port);
        if (transport != null && !"udp".equalsIgnoreCase(transport)) {
            uri.setTransportParam(transport.toLowerCase(java.util.Locale.ROOT));
        }
        return headers.createContactHeader(addresses.createAddress(uri));
    }

    /** A new dialog-creating INVITE to {@code target}, carrying {@code body} of {@code contentType}. */
    Request invite(SipURI target, String transport, byte[] body, ContentTypeHeader contentType)
        throws ParseException, InvalidArgumentException {
        SipURI fromUri = addresses.createSipURI("onecard", host);
        Address fromAddress = addresses.createAddress(fromUri);
        FromHeader from = headers.createFromHeader(fromAddress, newTag());
        SipURI toUri = addresses.createSipURI(target.getUser(), target.getHost());
        if (target.getPort() > 0) {
            toUri.setPort(target.getPort());
        }
        ToHeader to = headers.createToHeader(addresses.createAddress(toUri), null);
        CallIdHeader callId = provider.getNewCallId();
        CSeqHeader cseq = headers.createCSeqHeader(1L, Request.INVITE);
        List<ViaHeader> vias = new ArrayList<>();
        vias.add(headers.createViaHeader(host, port, transport, null));
        MaxForwardsHeader maxForwards = headers.createMaxForwardsHeader(70);
        Request request = messages.createRequest(target, Request.INVITE, callId, cseq, from, to, vias, maxForwards);
        request.addHeader(contact(transport));
        copyBody(body, contentType, request);
        return request;
    }

    /** Copies a body and its type onto a message, when there is one. */
    static void copyBody(byte[] body, ContentTypeHeader contentType, Message message) throws ParseException {
        if (body != null && body.length > 0 && contentType != null) {
            message.setContent(body, contentType);
        }
    }

    /** Copies the body of {@code from} onto {@code to}. */
    static void copyBody(Message from, Message to) throws ParseException {
        copyBody(from.getRawContent(), (ContentTypeHeader) from.getHeader(ContentTypeHeader.NAME), to);
    }

    /** Sends a request inside a dialog; {@code false} when it could not be sent. */
    boolean sendInDialog(Dialog dialog, Request request, Object applicationData) {
        try {
            ClientTransaction transaction = provider.getNewClientTransaction(request);
            transaction.setApplicationData(applicationData);
            dialog.sendRequest(transaction);
            return true;
        } catch (SipException | RuntimeException e) {
            LOG.debug("cannot send {} in dialog: {}", request.getMethod(), e.toString());
            return false;
        }
    }
}

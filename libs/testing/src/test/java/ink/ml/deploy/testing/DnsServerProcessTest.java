package ink.ml.deploy.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.TXTRecord;
import org.xbill.DNS.Type;

/** Debian's BIND serving zones written here, asked by a DNS client over UDP and TCP. */
class DnsServerProcessTest {
    private static DnsServerProcess dns;

    @BeforeAll
    static void start() {
        dns = DnsServerProcess.startOrSkip();
    }

    @AfterAll
    static void stop() {
        if (dns != null) {
            dns.close();
        }
    }

    @Test
    void answersTheRecordsOfItsZonesOverUdpAndTcp() throws Exception {
        dns.serve(
                DnsZone.named("shop.test")
                        .txt("_dp-verify.app", "dp-verify=abc", "v=spf1 -all")
                        .cname("app", "web.cname.test.")
                        .a("@", "192.0.2.10")
                        .aaaa("@", "2001:db8::10"));

        Message txt = ask("_dp-verify.app.shop.test.", Type.TXT, false);
        Message cname = ask("APP.Shop.Test.", Type.CNAME, true);
        Message a = ask("shop.test.", Type.A, false);
        Message aaaa = ask("shop.test.", Type.AAAA, true);

        assertThat(((TXTRecord) answer(txt).get(0)).getStrings())
                .containsExactly("dp-verify=abc", "v=spf1 -all");
        assertThat(answer(cname).get(0).rdataToString()).isEqualTo("web.cname.test.");
        assertThat(answer(a).get(0).rdataToString()).isEqualTo("192.0.2.10");
        assertThat(answer(aaaa).get(0).rdataToString()).isEqualTo("2001:db8:0:0:0:0:0:10");
    }

    @Test
    void aNameOutsideEveryZoneDoesNotExist() throws Exception {
        dns.serve(DnsZone.named("shop.test").a("@", "192.0.2.10"));

        assertThat(ask("nowhere.example.", Type.A, false).getRcode()).isEqualTo(Rcode.NXDOMAIN);
        assertThat(ask("missing.shop.test.", Type.A, false).getRcode()).isEqualTo(Rcode.NXDOMAIN);
    }

    @Test
    void servingAgainReplacesTheZones() throws Exception {
        dns.serve(DnsZone.named("shop.test").txt("_dp-verify", "first"));

        dns.serve(DnsZone.named("shop.test").txt("_dp-verify", "second"));

        assertThat(
                        ((TXTRecord) answer(ask("_dp-verify.shop.test.", Type.TXT, false)).get(0))
                                .getStrings())
                .containsExactly("second");
    }

    @Test
    void aFailingZoneAnswersServfail() throws Exception {
        dns.serve(DnsZone.named("shop.test").a("@", "192.0.2.10"), DnsZone.failing("broken.test"));

        assertThat(ask("app.broken.test.", Type.CNAME, false).getRcode()).isEqualTo(Rcode.SERVFAIL);
        assertThat(ask("shop.test.", Type.A, false).getRcode()).isEqualTo(Rcode.NOERROR);
    }

    @Test
    void anUnansweredZoneLetsTheClientTimeOut() throws Exception {
        dns.serve(DnsZone.unanswered("slow.test"));

        assertThatThrownBy(() -> ask("app.slow.test.", Type.TXT, false))
                .isInstanceOf(IOException.class);
    }

    @Test
    void aRecordOutsideItsZoneIsRefusedRatherThanSilentlyDropped() {
        assertThatThrownBy(() -> DnsZone.named("shop.test").cname("edge.cdn.test.", "x.test."))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("outside the zone shop.test");
    }

    @Test
    void aZoneServedTwiceIsRefusedAndTheServerKeepsItsZones() throws Exception {
        dns.serve(DnsZone.named("shop.test").a("@", "192.0.2.10"));

        assertThatThrownBy(
                        () -> dns.serve(DnsZone.named("other.test"), DnsZone.named("Other.Test")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(answer(ask("shop.test.", Type.A, false))).hasSize(1);
    }

    @Test
    void closingStopsTheServerAndDeletesItsDirectory() throws Exception {
        DnsServerProcess other = DnsServerProcess.start();
        Path directory = other.directory();

        other.close();

        assertThat(directory).doesNotExist();
        assertThatThrownBy(() -> ask(other, "shop.test.", Type.A, true))
                .isInstanceOf(IOException.class);
    }

    private static Message ask(String name, int type, boolean tcp) throws IOException {
        return ask(dns, name, type, tcp);
    }

    private static Message ask(DnsServerProcess server, String name, int type, boolean tcp)
            throws IOException {
        SimpleResolver resolver = new SimpleResolver(server.host());
        resolver.setPort(server.port());
        resolver.setTCP(tcp);
        resolver.setTimeout(Duration.ofMillis(700));
        return resolver.send(Message.newQuery(Record.newRecord(Name.fromString(name), type, 1)));
    }

    private static List<Record> answer(Message message) {
        assertThat(message.getRcode()).as(message.toString()).isEqualTo(Rcode.NOERROR);
        return message.getSection(Section.ANSWER);
    }
}

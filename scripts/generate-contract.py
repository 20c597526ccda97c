#!/usr/bin/env python3
"""Generates the JieluContract Swift value types and their protobuf-c conversions
from Shared/Proto/jielu/*.proto.

The output is reviewed and committed; rerun after changing a .proto
(`python3 scripts/generate-contract.py`) and review the diff. Message docs that
the .proto comments lack live in MESSAGE_DOCS below."""
import re, sys, os

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
PROTO_DIR = os.path.join(ROOT, 'Shared/Proto/jielu')
OUT = os.path.join(ROOT, 'Shared/JieluContract')

SERVICES = ['registry', 'intake', 'dispatch', 'metrics', 'markets']
NAMESPACE = {'registry': 'Registry', 'intake': 'Intake', 'dispatch': 'Dispatch', 'metrics': 'Metrics',
             'markets': 'Markets'}
PACKAGE_TO_NS = {'jielu.registry.v1': 'Registry', 'jielu.intake.v1': 'Intake',
                 'jielu.dispatch.v1': 'Dispatch', 'jielu.metrics.v1': 'Metrics',
                 'jielu.markets.v1': 'Markets'}

# Doc lines for messages that have no comment in the proto and are not only a request/response.
MESSAGE_DOCS = {
    'District': 'The whole district dataset that `LoadDistrict` replaces.',
    'SubDistrict': 'A sub-district (街道) of the district.',
    'Community': 'A community (社区) of one sub-district.',
    'Grid': 'A grid (网格) of one community, the smallest area with its own responsible staff member.',
    'Unit': 'A unit that handles cases, such as an enforcement squad or an office.',
    'Staff': 'A staff member who can be assigned cases.',
    'Street': 'A street with its public responsibility board.',
    'CategoryClass': 'A class of the category catalog with its items.',
    'CategoryItem': 'One item of the category catalog, with its time limit.',
    'ResponsiblePerson': 'One person on a street\'s public board.',
    'Responsibility': 'The unit and person responsible for a matter of one category item on one street, and the rule that chose them.',
    'Principal': 'The caller that an access token identifies.',
    'Assignee': 'The staff member a case is assigned to.',
    'StatusChange': 'One entry of a case\'s timeline.',
    'Case': 'A case as dispatch tracks it.',
    'CaseEvent': 'One change of a case, as metrics counts it.',
}

SCALARS = {
    'string': ('String', '""'),
    'bool': ('Bool', 'false'),
    'double': ('Double', '0'),
    'int64': ('Int64', '0'),
    'uint32': ('UInt32', '0'),
    'uint64': ('UInt64', '0'),
}


def camel(name):
    parts = name.split('_')
    out = []
    for i, p in enumerate(parts):
        if p == 'id' and i > 0:
            out.append('ID')
        elif p == 'ids' and i > 0:
            out.append('IDs')
        elif i == 0:
            out.append(p)
        else:
            out.append(p[0].upper() + p[1:])
    return ''.join(out)


def lower_camel(name):
    return name[0].lower() + name[1:]


def snake(name):
    return re.sub(r'(?<!^)([A-Z])', r'_\1', name).lower()


def parse(service):
    text = open(os.path.join(PROTO_DIR, service + '.proto')).read()
    package = re.search(r'^package ([\w.]+);', text, re.M).group(1)
    lines = text.split('\n')
    messages, rpcs = [], []
    comment = []
    current = None
    for line in lines:
        s = line.strip()
        if s.startswith('//'):
            comment.append(s[2:].strip())
            continue
        m = re.match(r'message (\w+) \{(\})?', s)
        if m:
            current = {'name': m.group(1), 'doc': comment, 'fields': []}
            messages.append(current)
            if m.group(2):
                current = None
            comment = []
            continue
        m = re.match(r'rpc (\w+)\((\w+)\) returns \(([\w.]+)\);', s)
        if m:
            rpcs.append({'name': m.group(1), 'request': m.group(2), 'response': m.group(3), 'doc': comment})
            comment = []
            continue
        m = re.match(r'(repeated )?([\w.]+) (\w+) = (\d+);', s)
        if m and current is not None:
            current['fields'].append({'repeated': bool(m.group(1)), 'type': m.group(2), 'name': m.group(3),
                                      'number': int(m.group(4)), 'doc': comment})
            comment = []
            continue
        if s == '}':
            current = None
        comment = []
    return package, messages, rpcs


def swift_type(field, ns):
    t = field['type']
    if t in SCALARS:
        base, default = SCALARS[t]
        if field['repeated']:
            return '[%s]' % base, '[]'
        return base, default
    if '.' in t:
        pkg, short = t.rsplit('.', 1)
        name = PACKAGE_TO_NS[pkg] + '.' + short
    else:
        name = t
    if field['repeated']:
        return '[%s]' % name, '[]'
    return name + '?', 'nil'


def c_struct(package, message):
    return '__'.join(p[0].upper() + p[1:] for p in package.split('.')) + '__' + message


def c_prefix(package, message):
    return '__'.join(package.split('.')) + '__' + snake(message)


DOC_REWRITES = {
    'Staff id of the sub-district leader who answers for this community.':
        'Staff id of the sub-district leader responsible for this community.',
    'Staff id of the sub-district staff member who answers for this grid.':
        'Staff id of the sub-district staff member responsible for this grid.',
    'Where the report came from, e.g. "qr_board".': 'Source of the report, e.g. "qr_board".',
    'Which rule decided: "default_public", "default_residential" or':
        'The rule that decided: "default_public", "default_residential" or',
    'True when an earlier submission with the same idempotency key answered.':
        'True when this is the stored response to an earlier submission with the same idempotency key.',
}


def doc_lines(lines, indent):
    lines = [DOC_REWRITES.get(l, l) for l in lines]
    return ['%s/// %s' % (indent, l) if l else '%s///' % indent for l in lines]


def gen_messages(service, package, messages, rpcs):
    ns = NAMESPACE[service]
    requests = {r['request']: r for r in rpcs}
    responses = {}
    for r in rpcs:
        responses.setdefault(r['response'], []).append(r)
    out = ['/// Value types for the messages of %s.proto (package %s).' % (service, package)]
    out.append('public enum %s {}' % ns)
    for msg in messages:
        name = msg['name']
        out.append('')
        out.append('extension %s {' % ns)
        doc = list(msg['doc'])
        if not doc and name in MESSAGE_DOCS:
            doc = [MESSAGE_DOCS[name]]
        if name in requests:
            doc = doc + ([''] if doc else []) + ['The request of `%s/%s`.' % (ns, requests[name]['name'])]
        elif name in responses:
            methods = ['`%s/%s`' % (ns, r['name']) for r in responses[name]]
            listed = methods[0] if len(methods) == 1 else ', '.join(methods[:-1]) + ' and ' + methods[-1]
            doc = doc + ([''] if doc else []) + ['The response of %s.' % listed]
        out += doc_lines(doc, '    ')
        out.append('    public struct %s: Sendable, Equatable {' % name)
        for f in msg['fields']:
            t, _ = swift_type(f, ns)
            out += doc_lines(f['doc'], '        ')
            out.append('        public var %s: %s' % (camel(f['name']), t))
        if msg['fields']:
            out.append('')
            out.append('        public init(')
            params = []
            for f in msg['fields']:
                t, d = swift_type(f, ns)
                params.append('            %s: %s = %s' % (camel(f['name']), t, d))
            out.append(',\n'.join(params))
            out.append('        ) {')
            for f in msg['fields']:
                out.append('            self.%s = %s' % (camel(f['name']), camel(f['name'])))
            out.append('        }')
        else:
            out.append('        public init() {}')
        out.append('    }')
        out.append('}')
    return '\n'.join(out) + '\n'


def store_line(f):
    n, s = f['name'], camel(f['name'])
    # The C struct parameter is called `message`; a field of that name needs `self.`.
    if s == 'message':
        s = 'self.message'
    t = f['type']
    if f['repeated']:
        builder = 'cStringArray' if t == 'string' else 'cMessageArray'
        return '(message.n_%s, message.%s) = ProtobufC.%s(%s)' % (n, n, builder, s)
    if t == 'string':
        return 'message.%s = ProtobufC.cString(%s)' % (n, s)
    if t == 'bool':
        return 'message.%s = ProtobufC.cBool(%s)' % (n, s)
    if t in SCALARS:
        return 'message.%s = %s' % (n, s)
    return 'message.%s = ProtobufC.cMessage(%s)' % (n, s)


def read_expr(f):
    n, s = f['name'], camel(f['name'])
    t = f['type']
    if f['repeated']:
        reader = 'strings' if t == 'string' else 'messages'
        return 'try ProtobufC.%s(message.n_%s, message.%s, field: "%s")' % (reader, n, n, n)
    if t == 'string':
        return 'try ProtobufC.string(message.%s, field: "%s")' % (n, n)
    if t == 'bool':
        return 'message.%s != 0' % n
    if t in SCALARS:
        return 'message.%s' % n
    return 'try ProtobufC.message(message.%s, field: "%s")' % (n, n)


def gen_conversion(service, package, messages):
    ns = NAMESPACE[service]
    out = ['import CJieluProto', 'import CProtobufC', 'import JieluRPC', '',
           '// Conversions between the %s value types and the structs that protoc-c' % ns,
           '// generated from %s.proto. Each field maps to the C member of the same proto' % service,
           '// name; every message also encodes and decodes on its own through ProtoMessage.']
    for msg in messages:
        name = msg['name']
        cs = c_struct(package, name)
        cp = c_prefix(package, name)
        out.append('')
        out.append('extension %s.%s: ProtobufCConvertible, ProtoMessage {' % (ns, name))
        line = '    public static func initializeCMessage(_ message: UnsafeMutablePointer<%s>) {' % cs
        if len(line) > 120:
            line = '    public static func initializeCMessage(\n        _ message: UnsafeMutablePointer<%s>\n    ) {' % cs
        out.append(line)
        out.append('        %s__init(message)' % cp)
        out.append('    }')
        out.append('')
        if msg['fields']:
            out.append('    public func store(in message: inout %s) {' % cs)
            for f in msg['fields']:
                out.append('        ' + store_line(f))
            out.append('    }')
            out.append('')
            out.append('    public init(cMessage message: %s) throws {' % cs)
            out.append('        self.init(')
            args = []
            for f in msg['fields']:
                arg = '            %s: %s' % (camel(f['name']), read_expr(f))
                if len(arg) > 118:
                    head, tail = arg.split('(', 1)
                    arg = '%s(\n                %s' % (head, tail)
                args.append(arg)
            out.append(',\n'.join(args) + ')')
            out.append('    }')
        else:
            out.append('    public func store(in message: inout %s) {}' % cs)
            out.append('')
            out.append('    public init(cMessage message: %s) throws {' % cs)
            out.append('        self.init()')
            out.append('    }')
        out.append('}')
    return '\n'.join(out) + '\n'


def main():
    for service in SERVICES:
        package, messages, rpcs = parse(service)
        ns = NAMESPACE[service]
        open(os.path.join(OUT, '%s+Messages.swift' % ns), 'w').write(gen_messages(service, package, messages, rpcs))
        open(os.path.join(OUT, '%s+Conversion.swift' % ns), 'w').write(gen_conversion(service, package, messages))
        print(service, len(messages), 'messages', len(rpcs), 'rpcs')



# Idempotency of every method, with the reason stated in the client's doc line.
READ = 'Idempotent, because it only reads: a call lost with its connection is sent once more.'
CHANGES = 'Not idempotent, because it records a change: a call lost with its connection fails with UNAVAILABLE.'
IDEMPOTENCY = {
    'LoadDistrict': (True, 'Idempotent, because it replaces the whole dataset: a call lost with its connection is sent once more.'),
    'ListStreets': (True, READ), 'GetBoard': (True, READ), 'ListCategories': (True, READ),
    'ResolveResponsibility': (True, READ), 'GetStaff': (True, READ), 'Authenticate': (True, READ),
    'CreateToken': (False, 'Not idempotent, because each call creates a token: a call lost with its connection fails with UNAVAILABLE.'),
    'SubmitReport': ('!request.idempotencyKey.isEmpty', 'Idempotent only when `idempotencyKey` is set. Without a key, a call lost with its connection fails with UNAVAILABLE rather than risk a second report.'),
    'GetReport': (True, READ),
    'AcceptCase': (True, 'Idempotent by case id: a call lost with its connection is sent once more.'),
    'AcceptCases': (True, 'Idempotent by case id: a call lost with its connection is sent once more.'),
    'GetCase': (True, READ), 'ListCases': (True, READ),
    'ResolveCase': (False, 'Not idempotent, because it changes the case status: a call lost with its connection fails with UNAVAILABLE.'),
    'ConfirmCase': (False, 'Not idempotent, because it changes the case status: a call lost with its connection fails with UNAVAILABLE.'),
    'RecordEvents': (True, 'Idempotent by event id: a call lost with its connection is sent once more.'),
    'GetSummary': (True, READ),
    'LoadMarkets': (True, 'Idempotent, because it replaces the whole dataset: a call lost with its connection is sent once more.'),
    'ListMarkets': (True, READ), 'GetMarket': (True, READ), 'ListVendors': (True, READ), 'GetVendor': (True, READ),
    'GetApplication': (True, READ), 'ListWaitlist': (True, READ), 'ListStations': (True, READ),
    'GetStation': (True, READ), 'MatchStation': (True, READ), 'ListHaulers': (True, READ),
    'GetManifest': (True, READ), 'ListManifests': (True, READ), 'GetHistory': (True, READ),
    'SetStallStatus': (False, CHANGES), 'RegisterVendor': (False, CHANGES), 'SubmitApplication': (False, CHANGES),
    'AllocateStalls': (False, CHANGES), 'RenewPermit': (False, CHANGES), 'RevokePermit': (False, CHANGES),
    'ReinstatePermit': (False, CHANGES), 'RecordInspection': (False, CHANGES),
    'RecordStationInspection': (False, CHANGES), 'IssueRectification': (False, CHANGES),
    'CompleteRectification': (False, CHANGES), 'CreateManifest': (False, CHANGES),
    'RecordDeparture': (False, CHANGES), 'RecordArrival': (False, CHANGES),
}


def response_type(ns, rpc):
    t = rpc['response']
    if '.' in t:
        pkg, short = t.rsplit('.', 1)
        return PACKAGE_TO_NS[pkg] + '.' + short
    return ns + '.' + t


SUMMARY = {
    'LoadDistrict': 'Replaces the whole district dataset in one transaction and keeps the access tokens.',
    'ListStreets': 'Lists the streets of one sub-district, or every street when `subDistrictID` is empty.',
    'GetBoard': 'Returns the public board of the street with `boardCode`, or NOT_FOUND with reason "unknown_board".',
    'ListCategories': 'Returns the category catalog.',
    'ResolveResponsibility': 'Finds who handles a matter of one category item on one street, and which rule decided it.',
    'GetStaff': 'Returns one staff member.',
    'CreateToken': 'Creates a staff access token. The response contains the only copy of the token.',
    'Authenticate': 'Returns the principal of a token, or UNAUTHENTICATED with reason "invalid_token".',
    'SubmitReport': 'Stores a resident\'s report and relays it to dispatch. A repeated `idempotencyKey` returns the first response and creates nothing.',
    'GetReport': 'Returns a stored report by tracking code or case id, or NOT_FOUND with reason "unknown_tracking_code" or "unknown_case".',
    'AcceptCase': 'Takes over a case from intake. A case id seen before is acknowledged with `duplicate` set and changes nothing.',
    'AcceptCases': 'Takes over up to 500 cases in order, in one transaction. It stops at the first case that fails and describes that case in `failure`; the cases before it are stored.',
    'GetCase': 'Returns a case with its timeline, by case id or tracking code.',
    'ListCases': 'Lists cases without their timelines, one page at a time.',
    'ResolveCase': 'Moves a dispatched or reopened case to resolved.',
    'ConfirmCase': 'Records the resident\'s confirmation: a resolved case moves to closed when satisfied and to reopened otherwise.',
    'RecordEvents': 'Records case events. An event id seen before counts as a duplicate.',
    'GetSummary': 'Returns the closure indicators of the district and its sub-districts, and of each street when asked.',
    'LoadMarkets': 'Replaces the whole markets dataset in one transaction after checking its streets against the registry.',
    'ListMarkets': 'Lists the container markets with their stall counts and free stalls per type.',
    'GetMarket': 'Returns one market with all its stalls, or NOT_FOUND with reason "unknown_market".',
    'SetStallStatus': 'Closes a free stall (suspended) or reopens a closed one (free) and records why.',
    'RegisterVendor': 'Registers a vendor. A known ID-card number fails with ALREADY_EXISTS "duplicate_id_card".',
    'ListVendors': 'Lists every vendor with masked ID-card number and phone.',
    'GetVendor': 'Returns a vendor with permits, applications and recent inspections.',
    'SubmitApplication': 'Puts a vendor on a market\'s waitlist for the stall type of the vendor\'s goods.',
    'GetApplication': 'Returns an application by its public number, with its waitlist rank and history.',
    'ListWaitlist': 'Lists the waiting applications of a market in allocation order.',
    'AllocateStalls': 'Gives free stalls to the head of each waitlist (hardship first, then application time) and issues permits.',
    'RenewPermit': 'Moves a permit\'s end to a later time, unless that overlaps another permit of the stall.',
    'RevokePermit': 'Revokes a permit, frees its stall and offers the stall to the waitlist.',
    'ReinstatePermit': 'Lifts the suspension of a permit.',
    'RecordInspection': 'Records an inspection of a stall or vendor and suspends the permit when its violations reach the threshold.',
    'ListStations': 'Lists the recycling stations, of one street or all.',
    'GetStation': 'Returns a recycling station with its inspections and rectification orders.',
    'RecordStationInspection': 'Records an inspection of a recycling station.',
    'IssueRectification': 'Issues a rectification order with a deadline to a recycling station.',
    'CompleteRectification': 'Records that a rectification order was carried out.',
    'MatchStation': 'Finds the licensed recycling station a report names, or the one on the report\'s street.',
    'ListHaulers': 'Lists the licensed haulers with their vehicles, and the disposal sites.',
    'CreateManifest': 'Registers a haul manifest after checking hauler, vehicle, disposal site and time window.',
    'GetManifest': 'Returns a manifest with its history.',
    'ListManifests': 'Lists manifests, newest first, of one hauler or all.',
    'RecordDeparture': 'Records that the load left its origin site.',
    'RecordArrival': 'Records that the load arrived at its disposal site, which closes the manifest.',
    'GetHistory': 'Returns the recorded state changes of one entity, oldest first.',
}


def wrap(text, indent, width=110):
    words = text.split(' ')
    lines, line = [], ''
    for w in words:
        if line and len(indent) + 4 + len(line) + 1 + len(w) > width:
            lines.append(line)
            line = w
        else:
            line = (line + ' ' + w) if line else w
    lines.append(line)
    return ['%s/// %s' % (indent, l) for l in lines]


def gen_methods(service, package, rpcs):
    ns = NAMESPACE[service]
    svc = package + '.' + ns
    out = ['extension %s {' % ns,
           '    /// Full method names of the `%s` service, as the RPC envelope carries them.' % svc,
           '    public enum Method {']
    for r in rpcs:
        out.append('        public static let %s = "/%s/%s"' % (lower_camel(r['name']), svc, r['name']))
    out.append('')
    out.append('        /// Every method of the service, in the order of %s.proto.' % service)
    out.append('        public static let all = [')
    out.append(',\n'.join('            %s' % lower_camel(r['name']) for r in rpcs) + ',')
    out.append('        ]')
    out.append('    }')
    out.append('}')
    return '\n'.join(out) + '\n'


def gen_client(service, package, rpcs):
    ns = NAMESPACE[service]
    out = ['import JieluRPC', '',
           '/// Typed calls to the %s service over one `RPCClient`.' % service,
           '///',
           '/// Every method throws the `ServiceError` the service replied with, or',
           '/// DEADLINE_EXCEEDED and UNAVAILABLE from the client itself.',
           'public struct %sClient: Sendable {' % ns,
           '    public let rpc: RPCClient', '',
           '    public init(_ rpc: RPCClient) {', '        self.rpc = rpc', '    }']
    for r in rpcs:
        idem, line = IDEMPOTENCY[r['name']]
        resp = response_type(ns, r)
        out.append('')
        out += wrap(SUMMARY[r['name']], '    ')
        out.append('    ///')
        out += wrap(line, '    ')
        signature = '    public func %s(_ request: %s.%s, options: CallOptions) throws -> %s {' % (
            lower_camel(r['name']), ns, r['request'], resp)
        if len(signature) > 120:
            signature = '    public func %s(\n        _ request: %s.%s, options: CallOptions\n    ) throws -> %s {' % (
                lower_camel(r['name']), ns, r['request'], resp)
        out.append(signature)
        idem_text = {True: 'true', False: 'false'}.get(idem, idem)
        out.append('        try rpc.call(')
        out.append('            %s.Method.%s, request, as: %s.self, options: options,' % (ns, lower_camel(r['name']), resp))
        out.append('            idempotent: %s)' % idem_text)
        out.append('    }')
    out.append('}')
    return '\n'.join(out) + '\n'


def gen_handling(service, package, rpcs):
    ns = NAMESPACE[service]
    out = ['import JieluRPC', '',
           '/// The server side of the %s service: one method per RPC.' % service,
           '///',
           '/// Each method runs on a worker thread, may block, and returns the response',
           '/// or throws `ServiceError`. Any other error reaches the caller as INTERNAL.',
           'public protocol %sHandling: Sendable {' % ns]
    for i, r in enumerate(rpcs):
        resp = response_type(ns, r)
        if i:
            out.append('')
        out += wrap(SUMMARY[r['name']], '    ')
        line = '    func %s(_ request: %s.%s, context: RPCContext) throws -> %s' % (
            lower_camel(r['name']), ns, r['request'], resp)
        if len(line) > 120:
            line = '    func %s(\n        _ request: %s.%s, context: RPCContext\n    ) throws -> %s' % (
                lower_camel(r['name']), ns, r['request'], resp)
        out.append(line)
    out.append('}')
    out.append('')
    out.append('extension RPCRouter {')
    out.append('    /// Registers every method of the %s service, replacing earlier registrations' % service)
    out.append('    /// of the same method names.')
    out.append('    public func register(%s handler: some %sHandling) {' % (service, ns))
    for r in rpcs:
        resp = response_type(ns, r)
        out.append('        register(%s.Method.%s) { (request: %s.%s, context) in' % (ns, lower_camel(r['name']), ns, r['request']))
        out.append('            try handler.%s(request, context: context)' % lower_camel(r['name']))
        out.append('        }')
    out.append('    }')
    out.append('}')
    return '\n'.join(out) + '\n'


def main_rpc():
    for service in SERVICES:
        package, messages, rpcs = parse(service)
        ns = NAMESPACE[service]
        open(os.path.join(OUT, '%s+Method.swift' % ns), 'w').write(gen_methods(service, package, rpcs))
        open(os.path.join(OUT, '%sClient.swift' % ns), 'w').write(gen_client(service, package, rpcs))
        open(os.path.join(OUT, '%sHandling.swift' % ns), 'w').write(gen_handling(service, package, rpcs))

main()
main_rpc()

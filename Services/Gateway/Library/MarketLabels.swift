/// Simplified Chinese labels for the codes of the markets service.
///
/// An unknown code gets a neutral label rather than the raw code.
enum MarketLabels {
    static func stallType(_ type: String) -> String {
        switch type {
        case "food": "食品类"
        case "produce": "果蔬类"
        case "goods": "百货类"
        default: "其他"
        }
    }

    static func stallStatus(_ status: String) -> String {
        switch status {
        case "free": "空闲"
        case "occupied": "已占用"
        case "suspended": "暂停使用"
        default: "未知"
        }
    }

    static func nearKind(_ kind: String) -> String {
        switch kind {
        case "hospital": "医院"
        case "school": "学校"
        default: "其他"
        }
    }

    static func applicationStatus(_ status: String) -> String {
        switch status {
        case "waiting": "候补中"
        case "allocated": "已分配摊位"
        default: "处理中"
        }
    }

    static func permitStatus(_ status: String) -> String {
        switch status {
        case "active": "有效"
        case "suspended": "已暂停"
        case "revoked": "已吊销"
        case "expired": "已到期"
        default: "未知"
        }
    }

    static func manifestStatus(_ status: String) -> String {
        switch status {
        case "registered": "已登记"
        case "departed": "运输中"
        case "closed": "已闭合"
        case "expired": "已超时"
        default: "未知"
        }
    }

    static func inspectionResult(_ result: String) -> String {
        switch result {
        case "pass": "合格"
        case "violation": "违规"
        default: "未知"
        }
    }

    static func rectificationStatus(_ status: String) -> String {
        switch status {
        case "open": "整改中"
        case "completed": "已整改"
        default: "未知"
        }
    }

    /// Labels the actor of a recorded change: "system", "dataset",
    /// "staff:<id>", "token:<id>" or "hauler:<id>".
    static func actor(_ actor: String) -> String {
        let kind = actor.prefix(while: { $0 != ":" })
        return switch kind {
        case "system": "系统"
        case "dataset": "数据导入"
        case "hauler": "运输单位"
        default: "工作人员"
        }
    }
}
